namespace HtmCloud.Htm.Algorithms;

/// <summary>Raw anomaly score: how much of this step's input the previous step failed to predict.</summary>
public static class Anomaly
{
    /// <summary>
    /// Share of <paramref name="activeColumns"/> that were not in <paramref name="previouslyPredictedColumns"/>:
    /// 1 − |A∩P| / |A|, or 0 when no column is active. Both spans must be sorted ascending; nothing is allocated.
    /// </summary>
    public static float Raw(ReadOnlySpan<int> activeColumns, ReadOnlySpan<int> previouslyPredictedColumns)
    {
        if (activeColumns.IsEmpty) return 0f;
        int overlap = 0, a = 0, p = 0;
        // Merge walk over two ascending lists counts the intersection in O(|A| + |P|).
        while (a < activeColumns.Length && p < previouslyPredictedColumns.Length)
        {
            int x = activeColumns[a], y = previouslyPredictedColumns[p];
            if (x == y) { overlap++; a++; p++; }
            else if (x < y) a++;
            else p++;
        }
        return (float)(activeColumns.Length - overlap) / activeColumns.Length;
    }
}
