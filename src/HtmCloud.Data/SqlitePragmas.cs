using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace HtmCloud.Data;

/// <summary>
/// Runs on every SQLite connection: write-ahead logging with synchronous=NORMAL (a commit is durable against a
/// process crash without an fsync per batch; a power cut can lose the last commits), and a busy timeout so
/// concurrent writers wait instead of failing.
/// </summary>
public sealed class SqlitePragmas : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
