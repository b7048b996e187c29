namespace HtmCloud.Data;

/// <summary>Which database the service keeps its rows in (setting <c>Storage</c>).</summary>
public enum HtmStorage
{
    /// <summary>An embedded SQLite file; the default, needs no server.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server (<c>ConnectionStrings:Postgres</c>).</summary>
    Postgres,
}
