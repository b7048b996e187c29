namespace HtmCloud.Htm.Tests.Encoders;

/// <summary>Measures heap allocation of a hot-path call after warm-up (JIT, tiering) on the current thread.</summary>
internal static class Allocations
{
    public static long BytesPerCalls(Action action, int calls = 200)
    {
        for (int i = 0; i < 20; i++) action();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < calls; i++) action();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    public static IEnumerable<string> Fields(IReadOnlyList<HtmCloud.Htm.Utils.ParameterError> errors)
    {
        foreach (var e in errors) yield return e.Field;
    }
}
