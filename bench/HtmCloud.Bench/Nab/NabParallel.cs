using System.Runtime.ExceptionServices;

namespace HtmCloud.Bench.Nab;

/// <summary>Parallel.For that rethrows the first failure as itself, so callers see the file's own error, not an AggregateException.</summary>
internal static class NabParallel
{
    public static void For(int count, Action<int> body)
    {
        try
        {
            Parallel.For(0, count, body);
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
    }
}
