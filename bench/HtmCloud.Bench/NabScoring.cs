namespace HtmCloud.Bench;

/// <summary>Scores in-memory NAB results and prints the report (filled in when the scorer lands).</summary>
internal static class NabScoring
{
    public static int Report(string root, IReadOnlyDictionary<string, double[]> scores)
    {
        Console.WriteLine("(scorer not wired yet)");
        return 0;
    }
}
