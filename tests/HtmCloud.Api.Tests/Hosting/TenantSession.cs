namespace HtmCloud.Api.Tests.Hosting;

/// <summary>A signed-up tenant and a client that sends its API key on every request.</summary>
public sealed record TenantSession(Guid TenantId, Guid KeyId, string ApiKey, string Email, HttpClient Client);
