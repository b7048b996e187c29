using Hangfire.Logging;
using HangfireLevel = Hangfire.Logging.LogLevel;
using MsLogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace HtmCloud.Api.Webhooks;

/// <summary>
/// Hangfire's logging to this host's <see cref="ILoggerFactory"/>. Hangfire keeps one log provider per process, so
/// with several hosts in a process (tests) the latest host's wins; once that host is disposed its loggers go quiet
/// instead of throwing <see cref="ObjectDisposedException"/> inside another host's jobs.
/// </summary>
public sealed class HangfireLogProvider(ILoggerFactory factory) : ILogProvider
{
    public ILog GetLogger(string name) => new ForwardingLog(factory, name);

    private sealed class ForwardingLog(ILoggerFactory factory, string name) : ILog
    {
        private ILogger? _logger;

        public bool Log(HangfireLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            try
            {
                var logger = _logger ??= factory.CreateLogger(name);
                var level = logLevel switch
                {
                    HangfireLevel.Trace => MsLogLevel.Trace,
                    HangfireLevel.Debug => MsLogLevel.Debug,
                    HangfireLevel.Info => MsLogLevel.Information,
                    HangfireLevel.Warn => MsLogLevel.Warning,
                    HangfireLevel.Error => MsLogLevel.Error,
                    _ => MsLogLevel.Critical,
                };
                if (messageFunc is null) return logger.IsEnabled(level);
                if (!logger.IsEnabled(level)) return false;
                logger.Log(level, 0, messageFunc(), exception, static (message, _) => message);
                return true;
            }
            catch (ObjectDisposedException)
            {
                return false;
            }
        }
    }
}
