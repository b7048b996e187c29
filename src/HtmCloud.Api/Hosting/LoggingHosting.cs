namespace HtmCloud.Api.Hosting;

public static class LoggingHosting
{
    /// <summary>One JSON object per log line outside Development, for log collectors; readable text in Development.</summary>
    public static IHostApplicationBuilder AddHtmLogging(this IHostApplicationBuilder builder)
    {
        if (!builder.Environment.IsDevelopment())
        {
            builder.Logging.AddJsonConsole(json => json.UseUtcTimestamp = true);
        }

        return builder;
    }
}
