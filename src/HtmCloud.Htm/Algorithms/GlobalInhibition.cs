using HtmCloud.Htm.Utils;

namespace HtmCloud.Htm.Algorithms;

/// <summary>
/// Global inhibition over 64-bit keys (float bits of the boosted overlap, then the column's random tie rank):
/// the k largest keys win. Keys are unique, so the k best of the union of every column range's k best are the
/// k best of the pool: a pool split into ranges picks exactly the winners of the whole pool.
/// </summary>
public static class GlobalInhibition
{
    /// <summary>Stream numbers for <see cref="Rng.Derive"/> under the pooler's seed.</summary>
    internal const ulong PotentialPoolStream = 1, TieRankStream = 2;

    /// <summary>Winners per step of a pool with global inhibition (the same rule as the pooler's).</summary>
    public static int TargetActive(SpatialPoolerParameters p) => p.LocalAreaDensity is double density
        ? Math.Max(1, (int)(0.5 + density * p.NumColumns))
        : Math.Min(p.NumActiveColumnsPerInhArea, p.NumColumns);

    /// <summary>Key of a column: larger wins. Boosted overlaps are never negative, so their bits order like the values.</summary>
    public static long Key(float boostedOverlap, int tieRank) => ((long)BitConverter.SingleToInt32Bits(boostedOverlap) << 32) | (uint)tieRank;

    /// <summary>Tie rank of a key.</summary>
    public static int RankOf(long key) => (int)(uint)key;

    /// <summary>The pool's random tie ranks (a permutation of its columns), a function of the pooler's seed alone.</summary>
    public static int[] TieRanks(ulong seed, int columns)
    {
        var ranks = new int[columns];
        for (int c = 0; c < columns; c++) ranks[c] = c;
        new Rng(Rng.Derive(seed, TieRankStream, 0)).Shuffle(ranks);
        return ranks;
    }

    /// <summary>Column of each tie rank (the inverse of <see cref="TieRanks"/>).</summary>
    public static int[] ColumnsOfRank(int[] tieRanks)
    {
        var columns = new int[tieRanks.Length];
        for (int c = 0; c < tieRanks.Length; c++) columns[tieRanks[c]] = c;
        return columns;
    }

    /// <summary>Offers a key to a min-heap holding the best <paramref name="k"/> keys so far (<paramref name="count"/> of them).</summary>
    public static void Offer(Span<long> heap, ref int count, int k, long key)
    {
        if (count < k) { heap[count] = key; SiftUp(heap, count++); }
        else if (count > 0 && key > heap[0]) { heap[0] = key; SiftDown(heap, 0, count); }
    }

    /// <summary>Writes the columns of the heap's keys, ascending, into <paramref name="winners"/>; returns how many.</summary>
    public static int Winners(ReadOnlySpan<long> heap, ReadOnlySpan<int> columnOfRank, Span<int> winners)
    {
        for (int i = 0; i < heap.Length; i++) winners[i] = columnOfRank[RankOf(heap[i])];
        winners[..heap.Length].Sort();
        return heap.Length;
    }

    private static void SiftUp(Span<long> heap, int i)
    {
        while (i > 0)
        {
            int parent = (i - 1) >> 1;
            if (heap[parent] <= heap[i]) break;
            (heap[parent], heap[i]) = (heap[i], heap[parent]);
            i = parent;
        }
    }

    private static void SiftDown(Span<long> heap, int i, int n)
    {
        while (true)
        {
            int l = 2 * i + 1, r = l + 1, m = i;
            if (l < n && heap[l] < heap[m]) m = l;
            if (r < n && heap[r] < heap[m]) m = r;
            if (m == i) return;
            (heap[m], heap[i]) = (heap[i], heap[m]);
            i = m;
        }
    }
}
