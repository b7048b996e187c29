using System.Text.Json;

namespace HtmCloud.Bench.Nab;

/// <summary>The NAB corpus the scorer needs: every labelled file's rows and windows, and the cost profiles.</summary>
public sealed class NabCorpus
{
    private readonly NabFile[] _files;
    private readonly Dictionary<string, NabFile> _byKey;

    public NabCorpus(IEnumerable<NabFile> files, IReadOnlyList<NabProfile>? profiles = null, string? root = null)
    {
        _files = [.. files.OrderBy(f => f.Key, StringComparer.Ordinal)];
        _byKey = _files.ToDictionary(f => f.Key, StringComparer.Ordinal);
        Profiles = profiles ?? NabProfile.Defaults;
        Root = root;
        WindowCount = _files.Sum(f => f.Windows.Count);
        Categories = [.. _files.Select(f => f.Category).Distinct().Order(StringComparer.Ordinal)];
    }

    /// <summary>The folder holding data/, labels/ and config/, when loaded from disk.</summary>
    public string? Root { get; }
    /// <summary>Files ordered by key.</summary>
    public IReadOnlyList<NabFile> Files => _files;
    public IReadOnlyList<NabProfile> Profiles { get; }
    public IReadOnlyList<string> Categories { get; }
    public int WindowCount { get; }

    public NabFile this[string key] => _byKey.TryGetValue(key, out var file) ? file
        : throw new KeyNotFoundException($"'{key}' is not a file of the NAB corpus.");

    public bool Contains(string key) => _byKey.ContainsKey(key);

    public NabProfile Profile(string name) => Profiles.FirstOrDefault(p => p.Name == name)
        ?? throw new KeyNotFoundException($"No NAB profile named '{name}'.");

    /// <summary>Loads root/labels/combined_windows.json, every file it names from root/data and root/config/profiles.json.</summary>
    public static NabCorpus Load(string root)
    {
        string labels = Path.Combine(root, "labels", "combined_windows.json");
        using var doc = JsonDocument.Parse(File.ReadAllText(labels));
        var entries = doc.RootElement.EnumerateObject().Select(e => (Key: e.Name, Windows: ParseWindows(e.Value))).ToArray();
        var files = new NabFile[entries.Length];
        // Files are independent; parsing them in parallel halves load time on two cores.
        NabParallel.For(entries.Length, i => files[i] = NabFile.Load(Path.Combine(root, "data"), entries[i].Key, entries[i].Windows));
        string profiles = Path.Combine(root, "config", "profiles.json");
        return new NabCorpus(files, File.Exists(profiles) ? NabProfile.Load(profiles) : NabProfile.Defaults, root);
    }

    /// <summary>Loads the repo's own copy, bench/nab, found from the working folder or the binary's folder upwards.</summary>
    public static NabCorpus LoadDefault() => Load(LocateRoot());

    public static string LocateRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, "bench", "nab");
                if (File.Exists(Path.Combine(candidate, "labels", "combined_windows.json"))) return candidate;
            }
        throw new DirectoryNotFoundException("bench/nab (with labels/combined_windows.json) not found above the working folder.");
    }

    private static (DateTime Start, DateTime End)[] ParseWindows(JsonElement windows) =>
        [.. windows.EnumerateArray().Select(w => (NabTimestamp.Parse(w[0].GetString()), NabTimestamp.Parse(w[1].GetString())))];
}
