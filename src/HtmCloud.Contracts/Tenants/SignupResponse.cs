namespace HtmCloud.Contracts.Tenants;

/// <summary>Answer to <c>POST /v1/signup</c>: the new tenant and its first API key.</summary>
/// <param name="TenantId">The new tenant.</param>
/// <param name="KeyId">The id of the first key (for <c>DELETE /v1/keys/{id}</c>).</param>
/// <param name="ApiKey">The full key, <c>htm_&lt;id&gt;_&lt;secret&gt;</c>; shown this once and never again.</param>
public sealed record SignupResponse(Guid TenantId, Guid KeyId, string ApiKey);
