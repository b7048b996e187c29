using HtmCloud.Bench.Nab;

namespace HtmCloud.Bench.Tests.Nab;

/// <summary>Small hand-made NAB files: one row a minute, windows given as row ranges.</summary>
internal static class SyntheticNab
{
    public static readonly DateTime Start = new(2020, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);

    public static DateTime At(int minute) => Start.AddMinutes(minute);

    public static NabFile File(string key, int rows, params (int Start, int End)[] windows) =>
        NabFile.Create(key, [.. Enumerable.Range(0, rows).Select(At)], [.. windows.Select(w => (At(w.Start), At(w.End)))]);

    public static Dictionary<string, double[]> Constant(NabCorpus corpus, double value) =>
        corpus.Files.ToDictionary(f => f.Key, f => Enumerable.Repeat(value, f.RowCount).ToArray());
}
