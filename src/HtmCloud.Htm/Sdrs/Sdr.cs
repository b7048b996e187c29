using HtmCloud.Htm.Utils;

namespace HtmCloud.Htm.Sdrs;

/// <summary>
/// A sparse distributed representation: a fixed-size binary vector with dimensions, kept both as sorted
/// sparse indices and as dense bits. Both views stay in sync; updates cost O(active bits), not O(size).
/// An SDR owns its buffers, so reusing one across steps allocates nothing.
/// </summary>
public sealed class Sdr : IEquatable<Sdr>
{
    private readonly int[] _dimensions;
    private readonly int[] _sparse;
    private readonly byte[] _dense;
    private int _count;

    /// <summary>Creates an all-zero SDR with the given dimensions (row-major).</summary>
    public Sdr(params int[] dimensions)
    {
        if (dimensions.Length == 0) throw new ArgumentException("An SDR needs at least one dimension.", nameof(dimensions));
        long size = 1;
        foreach (int d in dimensions)
        {
            if (d <= 0) throw new ArgumentException("Every dimension must be positive.", nameof(dimensions));
            size *= d;
        }
        if (size > int.MaxValue / 2) throw new ArgumentException("SDR too large.", nameof(dimensions));
        _dimensions = (int[])dimensions.Clone();
        Size = (int)size;
        _sparse = new int[Size];
        _dense = new byte[Size];
    }

    /// <summary>Creates an SDR of the given size with the given active bits.</summary>
    public static Sdr FromSparse(int size, ReadOnlySpan<int> active)
    {
        var sdr = new Sdr(size);
        sdr.SetSparse(active);
        return sdr;
    }

    /// <summary>Dimensions, row-major; their product is <see cref="Size"/>.</summary>
    public ReadOnlySpan<int> Dimensions => _dimensions;

    /// <summary>Total number of bits.</summary>
    public int Size { get; }

    /// <summary>Number of active bits.</summary>
    public int ActiveCount => _count;

    /// <summary>Active bit indices, ascending.</summary>
    public ReadOnlySpan<int> Sparse => new(_sparse, 0, _count);

    /// <summary>Dense bits, one byte per bit (0 or 1).</summary>
    public ReadOnlySpan<byte> Dense => _dense;

    /// <summary>Fraction of bits that are active.</summary>
    public double Sparsity => (double)_count / Size;

    /// <summary>Whether bit <paramref name="index"/> is active.</summary>
    public bool this[int index] => _dense[index] != 0;

    /// <summary>Clears every bit.</summary>
    public void Zero()
    {
        for (int i = 0; i < _count; i++) _dense[_sparse[i]] = 0;
        _count = 0;
    }

    /// <summary>Sets the active bits; indices may come in any order, duplicates are merged.</summary>
    public void SetSparse(ReadOnlySpan<int> indices)
    {
        Zero();
        bool sorted = true;
        int last = -1;
        foreach (int i in indices)
        {
            if ((uint)i >= (uint)Size) throw new ArgumentOutOfRangeException(nameof(indices), $"Index {i} is outside an SDR of size {Size}.");
            if (_dense[i] != 0) continue;
            _dense[i] = 1;
            _sparse[_count++] = i;
            if (i < last) sorted = false;
            last = i;
        }
        if (!sorted) Array.Sort(_sparse, 0, _count);
    }

    /// <summary>Sets the bits from a dense vector (non-zero = active).</summary>
    public void SetDense(ReadOnlySpan<byte> bits)
    {
        if (bits.Length != Size) throw new ArgumentException($"Expected {Size} bits, got {bits.Length}.", nameof(bits));
        Zero();
        for (int i = 0; i < bits.Length; i++)
        {
            if (bits[i] == 0) continue;
            _dense[i] = 1;
            _sparse[_count++] = i;
        }
    }

    /// <summary>Copies another SDR of the same size into this one.</summary>
    public void CopyFrom(Sdr other)
    {
        RequireSameSize(other);
        if (ReferenceEquals(other, this)) return;
        SetSortedUnchecked(other.Sparse);
    }

    /// <summary>Number of bits active in both SDRs.</summary>
    public int GetOverlap(Sdr other)
    {
        RequireSameSize(other);
        var (small, large) = _count <= other._count ? (this, other) : (other, this);
        int overlap = 0;
        foreach (int i in small.Sparse) overlap += large._dense[i];
        return overlap;
    }

    /// <summary>Sets this SDR to the union of <paramref name="a"/> and <paramref name="b"/>.</summary>
    public void SetUnion(Sdr a, Sdr b) => Combine(a, b, union: true);

    /// <summary>Sets this SDR to the intersection of <paramref name="a"/> and <paramref name="b"/>.</summary>
    public void SetIntersection(Sdr a, Sdr b) => Combine(a, b, union: false);

    /// <summary>
    /// Moves <paramref name="fraction"/> of the active bits to random inactive positions, keeping the
    /// number of active bits (the usual "x % noise" of HTM experiments).
    /// </summary>
    public void AddNoise(double fraction, Rng rng)
    {
        if (fraction is < 0 or > 1 || double.IsNaN(fraction)) throw new ArgumentOutOfRangeException(nameof(fraction));
        int moves = (int)Math.Round(fraction * _count);
        if (moves == 0) return;
        int inactive = Size - _count;
        if (moves > inactive) moves = inactive;
        var active = Sparse.ToArray();
        rng.SampleInPlace(active, moves);
        var replacement = new int[moves];
        for (int m = 0; m < moves; m++)
        {
            int candidate;
            do candidate = rng.NextInt(Size);
            while (_dense[candidate] != 0 || Array.IndexOf(replacement, candidate, 0, m) >= 0);
            replacement[m] = candidate;
        }
        for (int m = 0; m < moves; m++) active[m] = replacement[m];
        SetSparse(active);
    }

    /// <summary>Same size and same active bits (dimensions may differ in shape).</summary>
    public bool Equals(Sdr? other) =>
        other is not null && other.Size == Size && other.Sparse.SequenceEqual(Sparse);

    public override bool Equals(object? obj) => Equals(obj as Sdr);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Size);
        foreach (int i in Sparse) hash.Add(i);
        return hash.ToHashCode();
    }

    public override string ToString() => $"Sdr({string.Join('x', _dimensions)}: {string.Join(' ', _sparse.Take(_count))})";

    /// <summary>Sets active bits from indices already sorted, unique and in range (engine-internal fast path).</summary>
    internal void SetSortedUnchecked(ReadOnlySpan<int> sortedIndices)
    {
        Zero();
        sortedIndices.CopyTo(_sparse);
        _count = sortedIndices.Length;
        foreach (int i in sortedIndices) _dense[i] = 1;
    }

    private void Combine(Sdr a, Sdr b, bool union)
    {
        RequireSameSize(a);
        RequireSameSize(b);
        // Merge into a scratch copy first so that a or b may be this SDR.
        Span<int> merged = a._count + b._count <= 1024 ? stackalloc int[a._count + b._count] : new int[a._count + b._count];
        var x = a.Sparse;
        var y = b.Sparse;
        int i = 0, j = 0, n = 0;
        while (i < x.Length && j < y.Length)
        {
            if (x[i] == y[j]) { merged[n++] = x[i]; i++; j++; }
            else if (x[i] < y[j]) { if (union) merged[n++] = x[i]; i++; }
            else { if (union) merged[n++] = y[j]; j++; }
        }
        if (union)
        {
            while (i < x.Length) merged[n++] = x[i++];
            while (j < y.Length) merged[n++] = y[j++];
        }
        SetSortedUnchecked(merged[..n]);
    }

    private void RequireSameSize(Sdr other)
    {
        if (other.Size != Size) throw new ArgumentException($"SDR sizes differ: {Size} and {other.Size}.", nameof(other));
    }
}
