using HtmCloud.Bench.Nab;

namespace HtmCloud.Bench.Tests.Nab;

/// <summary>The repo's corpus and the NAB fixtures (NuPIC's stored results, reference rows), loaded once per run.</summary>
internal static class NabFixtures
{
    private static readonly Lazy<NabCorpus> LazyCorpus = new(NabCorpus.LoadDefault);
    private static readonly Lazy<IReadOnlyDictionary<string, double[]>> LazyNumenta =
        new(() => NabResultsFolder.Read(NumentaDir, "numenta", Corpus));

    public static NabCorpus Corpus => LazyCorpus.Value;
    public static IReadOnlyDictionary<string, double[]> Numenta => LazyNumenta.Value;

    /// <summary>tests/HtmCloud.Bench.Tests/Fixtures/nab, found from the test binary upwards (fixtures are not copied).</summary>
    public static string Root { get; } = LocateRoot();
    public static string NumentaDir => Path.Combine(Root, "results", "numenta");
    public static string FinalResultsJson => Path.Combine(Root, "results", "final_results.json");
    public static string Reference(string name) => Path.Combine(Root, "reference", name);

    /// <summary>A scratch folder under the system temp folder, removed by the caller.</summary>
    public static string TempDir()
    {
        string dir = Path.Combine(Path.GetTempPath(), "htmcloud-nab-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    private static string LocateRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "tests", "HtmCloud.Bench.Tests", "Fixtures", "nab");
            if (Directory.Exists(candidate)) return candidate;
        }
        throw new DirectoryNotFoundException("tests/HtmCloud.Bench.Tests/Fixtures/nab not found above the test binary.");
    }
}
