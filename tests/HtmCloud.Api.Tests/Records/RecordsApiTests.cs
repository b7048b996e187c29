using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using HtmCloud.Api.Tests.Hosting;
using HtmCloud.Api.Tests.Models;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using static HtmCloud.Api.Tests.Models.ModelApi;

namespace HtmCloud.Api.Tests.Records;

/// <summary>Records in, results out, on each storage: refused records, idempotent retries, NDJSON streams.</summary>
[TestFixture(TestStorage.Sqlite)]
[TestFixture(TestStorage.Postgres)]
public sealed class RecordsApiTests(TestStorage storage) : ApiFixture(storage)
{
    private static readonly TimeSpan StreamTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// A client straight on the test server's handler: the factory's clients follow redirects, and to resend a
    /// body on a redirect they read all of it before sending anything, which rules out writing while reading.
    /// </summary>
    private HttpClient DuplexClient(string apiKey)
    {
        var server = (TestServer)Host.Services.GetRequiredService<IServer>();
        var client = new HttpClient(server.CreateHandler()) { BaseAddress = server.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        return client;
    }

    // Record 3 of a batch of 6 is spoilt; the batch follows 4 good records (seq 1..4).
    [TestCase("missing", "records[3].value", "is required")]
    [TestCase("null", "records[3].value", "is required")]
    [TestCase("string", "records[3].value", "must be a number")]
    [TestCase("bool", "records[3].value", "must be a number")]
    [TestCase("badTimestamp", "records[3].timestamp", "ISO 8601")]
    [TestCase("numberTimestamp", "records[3].timestamp", "ISO 8601")]
    [TestCase("backwards", "records[3].timestamp", "earlier")]
    [TestCase("nullRecord", "records[3]", "JSON object")]
    [TestCase("huge", "records[3].value", "cannot be encoded")]
    [TestCase("loneSurrogate", "records[3].timestamp", "ISO 8601")]
    public async Task BadRecord_Is400NamingIt_KeepsTheRecordsBefore_AndSeqContinuesFromThem(string spoil, string path, string message)
    {
        var tenant = await Host.SignUpAsync();
        var id = await CreateSmallAsync(tenant.Client);
        var records = Series(10);
        await ProcessAsync(tenant.Client, id, records.Take(4));
        var batch = new JsonArray(records.Skip(4).Take(6).Select(r => (JsonNode)r.DeepClone()).ToArray());
        var bad = batch[3]!;
        switch (spoil)
        {
            case "missing": bad.AsObject().Remove("value"); break;
            case "null": bad["value"] = null; break;
            case "string": bad["value"] = "12.5"; break;
            case "bool": bad["value"] = true; break;
            case "badTimestamp": bad["timestamp"] = "yesterday"; break;
            case "numberTimestamp": bad["timestamp"] = 1767225600; break;
            case "backwards": bad["timestamp"] = Timestamp(Start.AddMinutes(1)); break;
            case "nullRecord": batch[3] = null; break;
            case "huge": bad["value"] = 1e300; break; // finite, but beyond the RDSE's buckets at resolution 1
            case "loneSurrogate": bad["timestamp"] = "lone"; break; // valid JSON, but no .NET string
        }
        string body = new JsonObject { ["records"] = batch }.ToJsonString().Replace("\"lone\"", "\"\\ud800\"");

        using var response = await tenant.Client.PostAsync($"/v1/models/{id}/records", Json(body));

        var messages = await ProblemAssert.IsValidationProblemAsync(response, path);
        Assert.That(messages, Has.Some.Contains(message));
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.That(problem.GetProperty("errors").EnumerateObject().Count(), Is.EqualTo(1), "only the first bad record is named");
        Assert.That(problem.GetProperty("accepted").GetInt32(), Is.EqualTo(3));
        var kept = problem.GetProperty("results").EnumerateArray().ToArray();
        Assert.That(Seqs(kept), Is.EqualTo(new long[] { 5, 6, 7 }));
        Assert.That(kept.Select(r => r.GetProperty("timestamp").GetDateTime()), Is.EqualTo(new[] { 4, 5, 6 }.Select(i => Start.AddMinutes(5 * i))));
        Assert.That(kept.All(r => r.GetProperty("pools").GetProperty("main").GetProperty("activeColumns").GetArrayLength() == 6), Is.True);
        Assert.That(await RecordsProcessedAsync(tenant.Client, id), Is.EqualTo(7));

        var next = await ProcessAsync(tenant.Client, id, records.Skip(8));

        Assert.That(Seqs(next), Is.EqualTo(new long[] { 8, 9 }));
        Assert.That((await StateAsync(tenant.Client, id)).GetProperty("last").GetProperty("timestamp").GetDateTime(), Is.EqualTo(Start.AddMinutes(45)));
    }

    [Test]
    public async Task ValueOutsideAScalarEncodersRange_Is400_AndTheModelGoesOn()
    {
        var tenant = await Host.SignUpAsync();
        var graph = TestGraphs.Small();
        graph["pools"]![0]!["encoders"]![0]!["rdse"] = null;
        graph["pools"]![0]!["encoders"]![0]!["scalar"] = new JsonObject { ["minimum"] = 0, ["maximum"] = 100, ["size"] = 120, ["activeBits"] = 9 };
        var id = await CreateAsync(tenant.Client, TestGraphs.CreateRequest(graph));
        var records = Series(6);
        records[4]["value"] = 100.5;

        using var response = await PostRecordsAsync(tenant.Client, id, records);

        Assert.That(await ProblemAssert.IsValidationProblemAsync(response, "records[4].value"), Has.Some.Contains("outside [0, 100]"));
        Assert.That(await RecordsProcessedAsync(tenant.Client, id), Is.EqualTo(4));
        records[4]["value"] = 100.0;
        Assert.That(Seqs(await ProcessAsync(tenant.Client, id, records.Skip(4))), Is.EqualTo(new long[] { 5, 6 }));
    }

    [Test]
    public async Task FirstRecordEarlierThanThePreviousRequestsLast_IsRefused_WithNothingAccepted()
    {
        var tenant = await Host.SignUpAsync();
        var id = await CreateSmallAsync(tenant.Client);
        await ProcessAsync(tenant.Client, id, Series(5));

        using var response = await PostRecordsAsync(tenant.Client, id, Series(3));

        Assert.That(await ProblemAssert.IsValidationProblemAsync(response, "records[0].timestamp"), Has.Some.Contains("earlier"));
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.That(problem.GetProperty("accepted").GetInt32(), Is.Zero);
        Assert.That(problem.GetProperty("results").GetArrayLength(), Is.Zero);
        Assert.That(await RecordsProcessedAsync(tenant.Client, id), Is.EqualTo(5));
        Assert.That(Seqs(await ProcessAsync(tenant.Client, id, Series(2, offset: 5))), Is.EqualTo(new long[] { 6, 7 }), "an equal or later timestamp goes on");
    }

    [Test]
    public async Task TimestampsGoingBackwards_AreAccepted_WhenTheGraphDoesNotRequireOrder()
    {
        var tenant = await Host.SignUpAsync();
        var id = await CreateSmallAsync(tenant.Client, requireIncreasingTimestamps: false);
        await ProcessAsync(tenant.Client, id, Series(5, offset: 100));

        var results = await ProcessAsync(tenant.Client, id, Series(5));

        Assert.That(Seqs(results), Is.EqualTo(Range(6, 10)));
    }

    [Test]
    public async Task ExtraFieldsInARecord_AreIgnored()
    {
        var tenant = await Host.SignUpAsync();
        var id = await CreateSmallAsync(tenant.Client);
        var record = Record(Start, 5);
        record["host"] = "web-1";

        var results = await ProcessAsync(tenant.Client, id, [record]);

        Assert.That(Seqs(results), Is.EqualTo(new long[] { 1 }));
    }

    [Test]
    public async Task SameBatchWithTheSameIdempotencyKey_ReturnsIdenticalResults_AndLearnsOnce()
    {
        var tenant = await Host.SignUpAsync();
        var id = await CreateSmallAsync(tenant.Client, requireIncreasingTimestamps: false);
        var batch = Series(10);

        using var first = await PostRecordsAsync(tenant.Client, id, batch, "batch-0001");
        using var retry = await PostRecordsAsync(tenant.Client, id, batch, "batch-0001");

        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(retry.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        string firstBody = await first.Content.ReadAsStringAsync();
        Assert.That(await retry.Content.ReadAsStringAsync(), Is.EqualTo(firstBody));
        Assert.That(Seqs(JsonDocument.Parse(firstBody).RootElement.GetProperty("results").EnumerateArray()), Is.EqualTo(Range(1, 10)));
        Assert.That(await RecordsProcessedAsync(tenant.Client, id), Is.EqualTo(10), "the retry did not learn");

        Assert.That(Seqs(await ProcessAsync(tenant.Client, id, Series(5, offset: 10))), Is.EqualTo(Range(11, 15)), "the next batch continues after the first");
        using (var late = await PostRecordsAsync(tenant.Client, id, batch, "batch-0001"))
            Assert.That(await late.Content.ReadAsStringAsync(), Is.EqualTo(firstBody), "a late retry still gets the stored results");
        Assert.That(await RecordsProcessedAsync(tenant.Client, id), Is.EqualTo(15));

        var again = await ProcessAsync(tenant.Client, id, batch, "batch-0002");

        Assert.That(Seqs(again), Is.EqualTo(Range(16, 25)), "another key learns the same records again");
        Assert.That(await RecordsProcessedAsync(tenant.Client, id), Is.EqualTo(25));
    }

    [Test]
    public async Task IdempotencyKeysBelongToOneModel()
    {
        var tenant = await Host.SignUpAsync();
        var a = await CreateSmallAsync(tenant.Client);
        var b = await CreateSmallAsync(tenant.Client);

        await ProcessAsync(tenant.Client, a, Series(4), "shared-key");
        var onB = await ProcessAsync(tenant.Client, b, Series(6), "shared-key");

        Assert.That(Seqs(onB), Is.EqualTo(Range(1, 6)));
        Assert.That(await RecordsProcessedAsync(tenant.Client, b), Is.EqualTo(6));
    }

    [Test]
    public async Task RefusedBatch_DoesNotTakeItsIdempotencyKey()
    {
        var tenant = await Host.SignUpAsync();
        var id = await CreateSmallAsync(tenant.Client);
        var records = Series(8);
        var spoilt = records.Take(4).Select(r => (JsonObject)r.DeepClone()).ToArray();
        spoilt[2]["value"] = "oops";

        using var refused = await PostRecordsAsync(tenant.Client, id, spoilt, "retry-me");
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var retried = await ProcessAsync(tenant.Client, id, records.Skip(2).Take(4), "retry-me");

        Assert.That(Seqs(retried), Is.EqualTo(Range(3, 6)), "the corrected rest of the batch is processed, not the refusal replayed");
        using var again = await PostRecordsAsync(tenant.Client, id, records.Skip(2).Take(4), "retry-me");
        Assert.That(Seqs(JsonDocument.Parse(await again.Content.ReadAsStringAsync()).RootElement.GetProperty("results").EnumerateArray()), Is.EqualTo(Range(3, 6)));
        Assert.That(await RecordsProcessedAsync(tenant.Client, id), Is.EqualTo(6));
    }

    [Test]
    public async Task Ndjson_ResultsStreamBack_BeforeTheRequestBodyEnds()
    {
        var tenant = await Host.SignUpAsync();
        var id = await CreateSmallAsync(tenant.Client);
        var records = Series(200);
        using var cancel = new CancellationTokenSource(StreamTimeout);
        var body = new LineStreamContent(Ndjson);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/models/{id}/records") { Content = body };

        // The first line goes out before the request is sent, so the server has something to answer.
        await body.WriteLineAsync(records[0].ToJsonString());
        int written = 1;
        using var client = DuplexClient(tenant.ApiKey);
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancel.Token);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo(Ndjson));
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancel.Token), Encoding.UTF8);
        var results = new List<JsonElement>();
        var writtenWhenRead = new List<int>();

        // Lock-step: result k is read before line k + 1 is written, so the server must answer each line as it
        // comes (a server waiting for the end of the body would stall this loop until the timeout).
        while (results.Count < records.Length)
        {
            var line = await reader.ReadLineAsync(cancel.Token);
            Assert.That(line, Is.Not.Null, $"stream ended after {results.Count} results");
            results.Add(JsonDocument.Parse(line!).RootElement.Clone());
            writtenWhenRead.Add(written);
            if (written < records.Length) await body.WriteLineAsync(records[written++].ToJsonString());
            if (written == records.Length) body.Complete();
        }
        Assert.That(await reader.ReadLineAsync(cancel.Token), Is.Null);
        await body.Written;

        Assert.That(writtenWhenRead, Is.EqualTo(Enumerable.Range(1, records.Length)), "result k arrived while only lines 0..k were written");
        Assert.That(Seqs(results), Is.EqualTo(Range(1, 200)));
        Assert.That(results.Select(r => r.GetProperty("timestamp").GetDateTime()), Is.EqualTo(Enumerable.Range(0, 200).Select(i => Start.AddMinutes(5 * i))));
        Assert.That(results.All(r => r.GetProperty("pools").GetProperty("main").GetProperty("activeColumns").GetArrayLength() == 6), Is.True);
        Assert.That(await RecordsProcessedAsync(tenant.Client, id), Is.EqualTo(200));
    }

    [TestCase("{\"timestamp\":\"2026-02-01T00:00:00Z\",\"value\":", "records[50]", "not valid JSON")]
    [TestCase("[1,2]", "records[50]", "JSON object")]
    [TestCase("{\"timestamp\":\"2026-02-01T00:00:00Z\",\"value\":\"high\"}", "records[50].value", "must be a number")]
    [TestCase("{\"timestamp\":\"2026-01-01T00:00:00Z\",\"value\":1}", "records[50].timestamp", "earlier")]
    [TestCase("{\"timestamp\":\"2026-02-01T00:00:00Z\",\"value\":-1e300}", "records[50].value", "cannot be encoded")]
    [TestCase("{\"timestamp\":\"\\udc00x\",\"value\":1}", "records[50].timestamp", "ISO 8601")]
    public async Task NdjsonBadLine_EndsTheStreamWithAnErrorLine_AndEarlierResultsStand(string badLine, string path, string message)
    {
        var tenant = await Host.SignUpAsync();
        var id = await CreateSmallAsync(tenant.Client);
        var records = Series(60, from: Start.AddDays(1));
        var lines = records.Take(50).Select(r => r.ToJsonString()).Append(badLine).Concat(records.Skip(50).Select(r => r.ToJsonString()));

        var output = await ProcessNdjsonAsync(tenant.Client, id, lines);

        Assert.That(output, Has.Length.EqualTo(51));
        Assert.That(Seqs(output.Take(50)), Is.EqualTo(Range(1, 50)));
        var error = output[^1].GetProperty("error");
        Assert.That(error.GetProperty("status").GetInt32(), Is.EqualTo(400));
        var errors = error.GetProperty("errors");
        Assert.That(errors.EnumerateObject().Select(e => e.Name), Is.EqualTo(new[] { path }), error.ToString());
        Assert.That(errors.GetProperty(path)[0].GetString(), Does.Contain(message));
        Assert.That(await RecordsProcessedAsync(tenant.Client, id), Is.EqualTo(50), "the records before the bad line were kept, none after it");
        Assert.That(Seqs(await ProcessAsync(tenant.Client, id, records.Skip(50).Take(3))), Is.EqualTo(Range(51, 53)));
    }

    [Test]
    public async Task NdjsonBadLine_MidStream_AfterResultsWereRead_EndsWithTheErrorLine()
    {
        var tenant = await Host.SignUpAsync();
        var id = await CreateSmallAsync(tenant.Client);
        var records = Series(10);
        using var cancel = new CancellationTokenSource(StreamTimeout);
        var body = new LineStreamContent(Ndjson);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/models/{id}/records") { Content = body };
        foreach (var record in records.Take(5)) await body.WriteLineAsync(record.ToJsonString());

        using var client = DuplexClient(tenant.ApiKey);
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancel.Token);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancel.Token), Encoding.UTF8);
        var seen = new List<JsonElement>();
        while (seen.Count < 5) seen.Add(JsonDocument.Parse((await reader.ReadLineAsync(cancel.Token))!).RootElement.Clone());
        await body.WriteLineAsync("{\"timestamp\":\"2026-01-01T01:00:00Z\"}");
        var last = await reader.ReadLineAsync(cancel.Token);
        var end = await reader.ReadLineAsync(cancel.Token);
        body.Complete();

        Assert.That(Seqs(seen), Is.EqualTo(Range(1, 5)));
        Assert.That(JsonDocument.Parse(last!).RootElement.GetProperty("error").GetProperty("errors").TryGetProperty("records[5].value", out _), Is.True, last);
        Assert.That(end, Is.Null, "the server ends the response after the error line");
        Assert.That(await RecordsProcessedAsync(tenant.Client, id), Is.EqualTo(5));
    }

    [Test]
    public async Task Ndjson_BlankLinesAndCrLf_AreTolerated_AndABodyOfManyChunksIsProcessedInOrder()
    {
        var tenant = await Host.SignUpAsync();
        var id = await CreateSmallAsync(tenant.Client);
        var records = Series(1_200);
        var text = new StringBuilder();
        for (int i = 0; i < records.Length; i++)
        {
            text.Append(records[i].ToJsonString()).Append(i % 3 == 0 ? "\r\n" : "\n");
            if (i % 100 == 0) text.Append("\n   \n");
        }
        var content = new StringContent(text.ToString().TrimEnd('\n', '\r', ' '), Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue(Ndjson);

        using var response = await tenant.Client.PostAsync($"/v1/models/{id}/records", content);

        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(Seqs(lines.Select(l => JsonDocument.Parse(l).RootElement)), Is.EqualTo(Range(1, 1_200)), "over the JSON batch cap, and the last line without a newline");
    }
}
