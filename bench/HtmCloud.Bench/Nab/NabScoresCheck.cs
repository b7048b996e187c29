namespace HtmCloud.Bench.Nab;

/// <summary>Rejects results that do not cover the corpus exactly: one finite score per row of every file.</summary>
internal static class NabScoresCheck
{
    public static void Validate(NabCorpus corpus, IReadOnlyDictionary<string, double[]> scoresByFile)
    {
        foreach (var file in corpus.Files)
        {
            if (!scoresByFile.TryGetValue(file.Key, out var scores))
                throw new ArgumentException($"No scores for {file.Key}: results must cover every corpus file.", nameof(scoresByFile));
            if (scores.Length != file.RowCount)
                throw new ArgumentException($"{file.Key}: {scores.Length} scores but the data file has {file.RowCount} rows.", nameof(scoresByFile));
            int bad = Array.FindIndex(scores, double.IsNaN);
            if (bad >= 0) throw new ArgumentException($"{file.Key}: score at row {bad} is NaN.", nameof(scoresByFile));
        }
        foreach (var key in scoresByFile.Keys)
            if (!corpus.Contains(key)) throw new ArgumentException($"Scores for '{key}', which is not a corpus file.", nameof(scoresByFile));
    }
}
