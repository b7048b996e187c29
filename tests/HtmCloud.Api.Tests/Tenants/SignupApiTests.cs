using System.Data.Common;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using HtmCloud.Api.Tests.Hosting;
using HtmCloud.Contracts.Tenants;
using Microsoft.EntityFrameworkCore;

namespace HtmCloud.Api.Tests.Tenants;

[TestFixture(TestStorage.Sqlite)]
[TestFixture(TestStorage.Postgres)]
public sealed class SignupApiTests(TestStorage storage) : ApiFixture(storage)
{
    [Test]
    public async Task SignUp_ReturnsAnApiKeyOnce_ThatAuthenticates()
    {
        using var anonymous = Host.CreateClient();
        using var response = await anonymous.PostAsJsonAsync("/v1/signup", new SignupRequest($"ana-{Guid.NewGuid():N}@example.com"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        var created = (await response.Content.ReadFromJsonAsync<SignupResponse>())!;
        Assert.That(created.ApiKey, Does.Match("^htm_[a-z0-9]{12}_[A-Za-z0-9_-]{43}$"));
        Assert.That(created.TenantId, Is.Not.EqualTo(Guid.Empty));

        using var authenticated = Host.CreateClient(created.ApiKey);
        using var keys = await authenticated.GetAsync("/v1/keys");
        Assert.That(keys.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var listed = (await keys.Content.ReadFromJsonAsync<ApiKeyView[]>())!;
        Assert.That(listed.Select(k => k.Id), Is.EqualTo(new[] { created.KeyId }));
    }

    [Test]
    public async Task SignUp_StoresTheSecretsSha256_NeverTheSecret()
    {
        var tenant = await Host.SignUpAsync();
        var secret = tenant.ApiKey[17..];

        var stored = await Host.QueryAsync(db => db.ApiKeys.AsNoTracking().SingleAsync(k => k.TenantId == tenant.TenantId));
        Assert.That(stored.SecretHash, Is.EqualTo(SHA256.HashData(Encoding.UTF8.GetBytes(secret))));
        Assert.That(tenant.ApiKey, Does.StartWith($"htm_{stored.KeyId}_"));

        // Every column of the row, as the database returns it: the secret is in none of them.
        var row = await Host.QueryAsync(async db =>
        {
            var connection = db.Database.GetDbConnection();
            await db.Database.OpenConnectionAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT * FROM api_keys WHERE key_id = @key";
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@key";
            parameter.Value = stored.KeyId;
            command.Parameters.Add(parameter);
            await using DbDataReader reader = await command.ExecuteReaderAsync();
            Assert.That(await reader.ReadAsync(), Is.True);
            return Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetValue(i)).ToArray();
        });
        foreach (var value in row)
        {
            var text = value is byte[] bytes ? Encoding.UTF8.GetString(bytes) + Convert.ToBase64String(bytes) : Convert.ToString(value);
            Assert.That(text, Does.Not.Contain(secret));
        }
    }

    [TestCase("")]
    [TestCase("   ")]
    [TestCase("not-an-email")]
    [TestCase("ana@localhost")]
    [TestCase("Ana <ana@example.com>")]
    public async Task SignUp_WithAnInvalidEmail_Returns400ValidationProblemForEmail(string email)
    {
        using var client = Host.CreateClient();
        using var response = await client.PostAsJsonAsync("/v1/signup", new SignupRequest(email));

        var messages = await ProblemAssert.IsValidationProblemAsync(response, "email");
        Assert.That(messages, Is.Not.Empty);
    }

    [Test]
    public async Task SignUp_WithoutAnEmail_Returns400ValidationProblemForEmail()
    {
        using var client = Host.CreateClient();
        using var response = await client.PostAsync("/v1/signup", JsonContent.Create(new { }));

        await ProblemAssert.IsValidationProblemAsync(response, "email");
    }

    [Test]
    public async Task SignUp_WithAnEmailAlreadyRegistered_Returns409Problem_WhateverItsCase()
    {
        var tenant = await Host.SignUpAsync();

        using var client = Host.CreateClient();
        using var response = await client.PostAsJsonAsync("/v1/signup", new SignupRequest(tenant.Email.ToUpperInvariant()));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Conflict);
    }
}
