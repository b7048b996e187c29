namespace HtmCloud.Contracts.Tenants;

/// <summary>Body of <c>POST /v1/signup</c>.</summary>
/// <param name="Email">The account's contact address; one tenant per address.</param>
public sealed record SignupRequest(string Email);
