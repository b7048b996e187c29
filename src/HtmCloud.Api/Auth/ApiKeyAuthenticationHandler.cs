using System.Security.Claims;
using System.Text.Encodings.Web;
using HtmCloud.Api.Errors;
using HtmCloud.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HtmCloud.Api.Auth;

/// <summary>
/// <c>Authorization: Bearer htm_&lt;id&gt;_&lt;secret&gt;</c>: the key is looked up by id on every request (no cache,
/// so a revoked key fails at once) and SHA-256(secret) compared in constant time.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    HtmDbContext db)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private const string BearerPrefix = "Bearer ";
    private static readonly byte[] NoHash = new byte[32];

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header))
        {
            return AuthenticateResult.NoResult();
        }

        if (!header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase) ||
            !ApiKeyToken.TryParse(header[BearerPrefix.Length..].Trim(), out var token))
        {
            return AuthenticateResult.Fail("The Authorization header is not 'Bearer htm_<id>_<secret>'.");
        }

        var key = await db.ApiKeys.AsNoTracking()
            .Where(k => k.KeyId == token.KeyId)
            .Select(k => new { k.Id, k.TenantId, k.SecretHash, k.RevokedAt })
            .SingleOrDefaultAsync(Context.RequestAborted);
        // Hash and compare even for an unknown id, so timing does not tell which ids exist.
        var matches = token.Matches(key?.SecretHash ?? NoHash);
        if (key is null || !matches)
        {
            return AuthenticateResult.Fail("The API key is not valid.");
        }

        if (key.RevokedAt is not null)
        {
            return AuthenticateResult.Fail("The API key has been revoked.");
        }

        var identity = new ClaimsIdentity(
            [
                new Claim(ApiKeyDefaults.TenantIdClaim, key.TenantId.ToString()),
                new Claim(ApiKeyDefaults.KeyIdClaim, key.Id.ToString()),
            ],
            Scheme.Name);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        Response.Headers.WWWAuthenticate = result.Failure is null ? "Bearer" : "Bearer error=\"invalid_token\"";
        await Problems.WriteAsync(
            Context, StatusCodes.Status401Unauthorized,
            result.Failure?.Message ?? "An API key is required: 'Authorization: Bearer htm_<id>_<secret>'.");
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        await Problems.WriteAsync(Context, StatusCodes.Status403Forbidden, "This API key may not do that.");
}
