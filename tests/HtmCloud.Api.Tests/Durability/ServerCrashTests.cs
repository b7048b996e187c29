using System.Diagnostics;
using HtmCloud.Api.Tests.Hosting;
using Npgsql;
using static HtmCloud.Api.Tests.Durability.DurabilityApi;

namespace HtmCloud.Api.Tests.Durability;

/// <summary>
/// The real server process on PostgreSQL, killed with SIGKILL while a batch is in flight, started again on the
/// same database: the client retries the in-flight batch with its Idempotency-Key and streams the rest, and the
/// results (per seq) equal those of a model fed the same records without interruption — no gap, no duplicate.
/// Checkpoints every 120 records, so each restart is checkpoint + replay.
/// <para>
/// To kill at a known point, the test holds PostgreSQL locks: the batch is logged and processed but its answer
/// is thrown away (kill 1), or the server is stuck inserting the batch into the log (kill 2). A third kill lands
/// a few milliseconds into a request, wherever that is.
/// </para>
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class ServerCrashTests
{
    private const int BatchSize = 50, BatchCount = 20;

    [Test]
    public async Task ServerKilledMidStream_RestartedOnTheSameDatabase_EndsIdenticalToAnUninterruptedRun()
    {
        await using var database = await TestDatabase.CreateAsync(TestStorage.Postgres);
        var settings = new Dictionary<string, string?>(database.Settings)
        {
            ["Durability:CheckpointEveryRecords"] = "120",
        };
        var clock = Stopwatch.StartNew();
        var server = await ServerProcess.StartAsync(settings);
        try
        {
            using var anonymous = server.CreateClient();
            string apiKey = await SignUpAsync(anonymous);
            var client = server.CreateClient(apiKey);
            var model = await CreateModelAsync(client, OnePool());
            var control = await CreateModelAsync(client, OnePool());
            var batches = Batches(Series(BatchSize * BatchCount, seed: 31), BatchSize).ToArray();
            var expected = new List<string>();
            for (int b = 0; b < BatchCount; b++) expected.AddRange(await PostAsync(client, control, batches[b], $"control-{b}"));
            TestContext.Out.WriteLine($"server ready and control fed in {clock.Elapsed.TotalSeconds:F1} s");

            var actual = new List<string>();
            var restarts = new List<string>();
            for (int b = 0; b < BatchCount; b++)
            {
                string key = $"batch-{b}";
                long firstSeq = b * BatchSize + 1;
                switch (b)
                {
                    case 2:
                        // Logged and processed (seq 101..150 crosses the checkpoint threshold); the answer is lost.
                        using (var request = RecordsRequest(model, batches[b], key))
                        {
                            var lost = client.SendAsync(request);
                            await WaitForAsync(() => LoggedAsync(database, model, firstSeq), "the batch in the input log");
                            try
                            {
                                (await lost).Dispose();
                            }
                            catch (HttpRequestException)
                            {
                            }
                        }
                        await server.KillAsync();
                        break;
                    case 8:
                        // Stuck inserting into the log: the server has the request, nothing of it is durable yet.
                        await using (var locker = await LockAsync(database, "input_log", "EXCLUSIVE"))
                        {
                            using var request = RecordsRequest(model, batches[b], key);
                            var stuck = client.SendAsync(request);
                            await WaitForAsync(() => WaitingOnLockAsync(database, "input_log"), "the server waiting to append to the log");
                            await server.KillAsync();
                            await Expect.FailedAsync(stuck);
                            // PostgreSQL would still run the INSERT the dead process sent once the lock goes (nothing
                            // checks the client while a statement waits): end that backend, as a crash of the database
                            // connection would. (Left alone it commits: the "logged, answer lost" case of kill 1.)
                            await ScalarAsync<long>(database, "SELECT count(pg_terminate_backend(pid)) FROM pg_locks WHERE NOT granted AND relation = 'input_log'::regclass");
                        }
                        Assert.That(await LoggedAsync(database, model, firstSeq), Is.False, "the killed insert left nothing");
                        break;
                    case 14:
                        using (var request = RecordsRequest(model, batches[b], key))
                        {
                            var somewhere = client.SendAsync(request);
                            await Task.Delay(5);
                            await server.KillAsync();
                            try
                            {
                                (await somewhere).Dispose();
                            }
                            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                            {
                            }
                        }
                        break;
                    default:
                        actual.AddRange(await PostAsync(client, model, batches[b], key));
                        continue;
                }

                // Killed during batch b: start again on the same database and retry the batch with the same key.
                var logged = await LoggedAsync(database, model, firstSeq);
                var restart = Stopwatch.StartNew();
                await server.DisposeAsync();
                server = await ServerProcess.StartAsync(settings);
                client = server.CreateClient(apiKey);
                var retried = await PostAsync(client, model, batches[b], key);
                restarts.Add($"batch {b} ({(logged ? "logged" : "not logged")} when killed): restart + retry {restart.Elapsed.TotalSeconds:F1} s");
                Assert.That(Seqs(retried), Is.EqualTo(Range(firstSeq, firstSeq + BatchSize - 1)), $"retry of batch {b}");
                actual.AddRange(retried);
            }

            foreach (var line in restarts) TestContext.Out.WriteLine(line);
            TestContext.Out.WriteLine($"total {clock.Elapsed.TotalSeconds:F1} s");
            Assert.That(Seqs(actual), Is.EqualTo(Range(1, BatchSize * BatchCount)), "no gap, no duplicate");
            AssertIdentical(actual, expected, "model killed three times vs uninterrupted model");
            Assert.That(await RecordsProcessedAsync(client, model), Is.EqualTo(BatchSize * BatchCount));
            Assert.That(await LogIsContiguousAsync(database, model), Is.True, "the input log has no overlap or gap");
        }
        finally
        {
            if (TestContext.CurrentContext.Result.Outcome.Status == NUnit.Framework.Interfaces.TestStatus.Failed)
                TestContext.Out.WriteLine(server.Output);
            await server.DisposeAsync();
        }
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"timed out waiting for {what}");
            await Task.Delay(2);
        }
    }

    private static async Task<bool> LoggedAsync(TestDatabase database, Guid model, long firstSeq) =>
        await ScalarAsync<long>(database, "SELECT count(*) FROM input_log WHERE model_id = @model AND first_seq = @seq", ("model", model), ("seq", firstSeq)) > 0;

    private static async Task<bool> WaitingOnLockAsync(TestDatabase database, string table) =>
        await ScalarAsync<long>(database, $"SELECT count(*) FROM pg_locks WHERE NOT granted AND relation = '{table}'::regclass") > 0;

    // A transaction holding a table lock until disposed (rolled back).
    private static async Task<IAsyncDisposable> LockAsync(TestDatabase database, string table, string mode)
    {
        var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using (var command = new NpgsqlCommand($"LOCK TABLE {table} IN {mode} MODE", connection, transaction))
            await command.ExecuteNonQueryAsync();
        return new Lock(connection, transaction);
    }

    private static async Task<T> ScalarAsync<T>(TestDatabase database, string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private sealed class Lock(NpgsqlConnection connection, NpgsqlTransaction transaction) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await transaction.RollbackAsync();
            await connection.DisposeAsync();
        }
    }

    private static class Expect
    {
        public static async Task FailedAsync(Task<HttpResponseMessage> request)
        {
            try
            {
                using var response = await request;
                Assert.Fail($"the request to a killed server answered {(int)response.StatusCode}");
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }
        }
    }
}
