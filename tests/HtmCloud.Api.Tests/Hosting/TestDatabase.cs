using Npgsql;

namespace HtmCloud.Api.Tests.Hosting;

/// <summary>
/// A database of its own for one host: a temp SQLite file, or a fresh PostgreSQL database on the server named by
/// HTMCLOUD_TEST_POSTGRES (set by infra/test.sh). Without that variable PostgreSQL tests fail under CI=true and are
/// ignored elsewhere.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "HTMCLOUD_TEST_POSTGRES";

    private readonly Func<ValueTask> _drop;

    private TestDatabase(TestStorage storage, string connectionString, Func<ValueTask> drop)
    {
        Storage = storage;
        ConnectionString = connectionString;
        _drop = drop;
    }

    public TestStorage Storage { get; }

    public string ConnectionString { get; }

    /// <summary>The host settings that point it at this database.</summary>
    public IReadOnlyDictionary<string, string?> Settings => Storage switch
    {
        TestStorage.Sqlite => new Dictionary<string, string?> { ["Storage"] = "Sqlite", ["ConnectionStrings:Sqlite"] = ConnectionString },
        _ => new Dictionary<string, string?> { ["Storage"] = "Postgres", ["ConnectionStrings:Postgres"] = ConnectionString },
    };

    public static Task<TestDatabase> CreateAsync(TestStorage storage) => storage switch
    {
        TestStorage.Sqlite => Task.FromResult(CreateSqlite()),
        TestStorage.Postgres => CreatePostgresAsync(),
        _ => throw new ArgumentOutOfRangeException(nameof(storage)),
    };

    public ValueTask DisposeAsync() => _drop();

    private static TestDatabase CreateSqlite()
    {
        var path = Path.Combine(Path.GetTempPath(), $"htmcloud-test-{Guid.NewGuid():N}.db");
        return new TestDatabase(TestStorage.Sqlite, $"Data Source={path}", () =>
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var file in new[] { path, path + "-wal", path + "-shm" })
            {
                File.Delete(file);
            }

            return ValueTask.CompletedTask;
        });
    }

    private static async Task<TestDatabase> CreatePostgresAsync()
    {
        var server = Environment.GetEnvironmentVariable(PostgresVariable);
        if (string.IsNullOrWhiteSpace(server))
        {
            const string why = PostgresVariable + " is not set: run the tests through infra/test.sh, which starts a private PostgreSQL.";
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                Assert.Fail(why);
            }

            Assert.Ignore(why);
        }

        var name = $"htmcloud_{Guid.NewGuid():N}";
        await ExecuteAsync(server!, $"CREATE DATABASE \"{name}\"");
        var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
        return new TestDatabase(TestStorage.Postgres, connectionString, async () =>
        {
            await using (var pooled = new NpgsqlConnection(connectionString))
            {
                NpgsqlConnection.ClearPool(pooled);
            }

            await ExecuteAsync(server!, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        });
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
