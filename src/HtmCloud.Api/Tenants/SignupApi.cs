using HtmCloud.Api.Auth;
using HtmCloud.Api.RateLimiting;
using HtmCloud.Contracts.Tenants;
using HtmCloud.Data;
using HtmCloud.Data.Tenants;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HtmCloud.Api.Tenants;

public static class SignupApi
{
    public static IEndpointRouteBuilder MapSignup(this IEndpointRouteBuilder app)
    {
        var signup = app.MapGroup("/v1/signup")
            .WithTags("Tenants")
            .AllowAnonymous()
            .RequireRateLimiting(RateLimitPolicies.Signup)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        signup.MapPost("", SignUp)
            .WithName("SignUp")
            .WithSummary("Create a tenant and its first API key (shown once).");
        return app;
    }

    public static async Task<Results<Created<SignupResponse>, ValidationProblem, ProblemHttpResult>> SignUp(
        SignupRequest request, HtmDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!EmailAddress.TryNormalize(request.Email, out var email, out var error))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["email"] = [error] });
        }

        if (await db.Tenants.AnyAsync(t => t.Email == email, cancellationToken))
        {
            return EmailTaken();
        }

        var now = clock.GetUtcNow();
        var tenant = new Tenant { Id = Guid.CreateVersion7(now), Email = email, CreatedAt = now };
        var token = ApiKeyToken.New();
        var key = token.ToEntity(tenant.Id, now);
        db.Tenants.Add(tenant);
        db.ApiKeys.Add(key);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Lost a race with a concurrent sign-up for the same address (unique index); anything else is a real error.
            if (await db.Tenants.AsNoTracking().AnyAsync(t => t.Email == email, cancellationToken))
            {
                return EmailTaken();
            }

            throw;
        }

        return TypedResults.Created((string?)null, new SignupResponse(tenant.Id, key.Id, token.Value));
    }

    private static ProblemHttpResult EmailTaken() => TypedResults.Problem(
        statusCode: StatusCodes.Status409Conflict,
        title: "Email already registered",
        detail: "A tenant with this email address exists; create more keys with POST /v1/keys.");
}
