namespace HtmCloud.Api.Tests.Hosting;

/// <summary>The database an <see cref="ApiHost"/> runs on; fixtures take it as their parameter.</summary>
public enum TestStorage
{
    Sqlite,
    Postgres,
}
