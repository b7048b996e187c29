using System.Globalization;

namespace HtmCloud.Bench.Nab;

/// <summary>
/// NAB's results layout: DIR/&lt;detector&gt;/&lt;category&gt;/&lt;detector&gt;_&lt;name&gt;.csv with a header naming
/// timestamp and anomaly_score (other columns are ignored) and exactly one row per data row.
/// </summary>
public static class NabResultsFolder
{
    /// <summary>Path of one file's results inside a detector folder (the folder holding the category folders).</summary>
    public static string FilePath(string detectorDir, string detector, NabFile file) =>
        Path.Combine(detectorDir, file.Category, $"{detector}_{file.Name}.csv");

    /// <summary>Reads every corpus file's scores from a detector folder, keyed "&lt;category&gt;/&lt;name&gt;.csv".</summary>
    public static IReadOnlyDictionary<string, double[]> Read(string detectorDir, string detector, NabCorpus corpus)
    {
        if (!Directory.Exists(detectorDir)) throw new DirectoryNotFoundException($"Results folder {detectorDir} does not exist.");
        var scores = new double[corpus.Files.Count][];
        NabParallel.For(scores.Length, f => scores[f] = ReadFile(FilePath(detectorDir, detector, corpus.Files[f]), corpus.Files[f]));
        var result = new Dictionary<string, double[]>(StringComparer.Ordinal);
        for (int f = 0; f < scores.Length; f++) result[corpus.Files[f].Key] = scores[f];
        return result;
    }

    /// <summary>Reads one results file, checking it has one row per data row with the data's timestamps.</summary>
    public static double[] ReadFile(string path, NabFile file)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Results for {file.Key} missing: expected {path}.", path);
        using var reader = new StreamReader(path);
        var header = (reader.ReadLine() ?? "").Split(',');
        int timeColumn = Array.IndexOf(header, "timestamp"), scoreColumn = Array.IndexOf(header, "anomaly_score");
        if (scoreColumn < 0) throw new InvalidDataException($"{path}: header has no anomaly_score column.");
        var scores = new List<double>(file.RowCount);
        for (string? line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            if (line.Length == 0) continue;
            var cells = line.Split(',');
            int row = scores.Count;
            if (scoreColumn >= cells.Length || !double.TryParse(cells[scoreColumn], NumberStyles.Float, CultureInfo.InvariantCulture, out double score))
                throw new InvalidDataException($"{path}: row {row + 1} has no readable anomaly_score.");
            if (timeColumn >= 0 && row < file.RowCount && NabTimestamp.TryParse(cells[timeColumn], out var time) && time != file.Timestamps[row])
                throw new InvalidDataException($"{path}: row {row + 1} is at {cells[timeColumn]} but data row {row + 1} of {file.Key} is at {NabTimestamp.Format(file.Timestamps[row])}.");
            scores.Add(score);
        }
        if (scores.Count != file.RowCount)
            throw new InvalidDataException($"{path}: {scores.Count} score rows but {file.Key} has {file.RowCount} data rows; a results file needs exactly one row per data row.");
        return [.. scores];
    }

    /// <summary>Writes scores in NAB layout under resultsRoot/detector and returns that detector folder.</summary>
    public static string Write(string resultsRoot, string detector, NabCorpus corpus, IReadOnlyDictionary<string, double[]> scoresByFile)
    {
        NabScoresCheck.Validate(corpus, scoresByFile);
        string detectorDir = Path.Combine(resultsRoot, detector);
        foreach (var file in corpus.Files)
        {
            string path = FilePath(detectorDir, detector, file);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            using var writer = new StreamWriter(path) { NewLine = "\n" };
            writer.WriteLine("timestamp,anomaly_score");
            var scores = scoresByFile[file.Key];
            for (int i = 0; i < scores.Length; i++)
                writer.WriteLine($"{NabTimestamp.Format(file.Timestamps[i])},{scores[i].ToString("R", CultureInfo.InvariantCulture)}");
        }
        return detectorDir;
    }
}
