using HtmCloud.Htm.Utils;

namespace HtmCloud.Htm.Algorithms;

/// <summary>
/// Multi-step SDR classifier: for each configured step count n, a softmax over value buckets learns which
/// bucket follows n records after a pattern of active bits (e.g. temporal memory cells). Weights are stored
/// flat per step as [bit × bucketCapacity] and grow only when a new bucket appears; steady-state computes
/// allocate nothing.
/// </summary>
public sealed class Predictor
{
    private const int InitialCapacity = 4;

    private readonly PredictorParameters _p;
    private readonly int[] _steps;
    private readonly Prediction[] _predictions;
    private readonly int[][] _history;
    private readonly int[] _historyLength;
    private readonly Dictionary<long, int> _bucketIndex = [];
    private float[][] _weights;
    private long[] _bucketKeys = [];
    private long[] _bucketCounts = [];
    private double[] _bucketMeans = [];
    private double[] _scratch = [];
    private float[] _delta = [];

    /// <summary>
    /// Creates a predictor for patterns over <paramref name="inputSize"/> bits; throws
    /// <see cref="ArgumentException"/> listing every invalid parameter.
    /// </summary>
    public Predictor(PredictorParameters parameters, int inputSize)
    {
        ParameterChecks.ThrowIfAny(parameters.Validate(), "predictor parameters");
        if (inputSize <= 0) throw new ArgumentOutOfRangeException(nameof(inputSize), inputSize, "Input size must be positive.");
        if ((long)inputSize * parameters.MaxBuckets > Array.MaxLength)
            throw new ArgumentException($"inputSize {inputSize} × maxBuckets {parameters.MaxBuckets} exceeds the largest weight array.");
        _p = parameters;
        InputSize = inputSize;
        _steps = [.. parameters.Steps];
        int maxStep = 0;
        foreach (int s in _steps) maxStep = Math.Max(maxStep, s);
        _history = new int[maxStep + 1][];
        for (int i = 0; i < _history.Length; i++) _history[i] = [];
        _historyLength = new int[maxStep + 1];
        _predictions = new Prediction[_steps.Length];
        for (int i = 0; i < _steps.Length; i++) _predictions[i] = new Prediction(_steps[i]);
        _weights = new float[_steps.Length][];
        for (int i = 0; i < _weights.Length; i++) _weights[i] = [];
    }

    /// <summary>The parameters this predictor was built with.</summary>
    public PredictorParameters Parameters => _p;

    /// <summary>Number of bits in an input pattern.</summary>
    public int InputSize { get; }

    /// <summary>Number of distinct value buckets seen.</summary>
    public int BucketCount { get; private set; }

    /// <summary>Representative value (running mean of the values seen) of each bucket.</summary>
    public ReadOnlySpan<double> BucketValues => new(_bucketMeans, 0, BucketCount);

    /// <summary>Last predictions, one per configured step count, in the order of <see cref="PredictorParameters.Steps"/>.</summary>
    public IReadOnlyList<Prediction> Predictions => _predictions;

    /// <summary>Records seen since construction or the last <see cref="Reset"/>.</summary>
    public long RecordCount { get; internal set; }

    internal int Capacity { get; private set; }

    internal int HistoryHead { get; set; }

    internal ReadOnlySpan<int> Steps => _steps;

    internal float[] WeightsFor(int stepIndex) => _weights[stepIndex];

    internal ReadOnlySpan<long> BucketKeys => new(_bucketKeys, 0, BucketCount);

    internal ReadOnlySpan<long> BucketCounts => new(_bucketCounts, 0, BucketCount);

    internal int HistorySlots => _history.Length;

    internal ReadOnlySpan<int> HistorySlot(int slot) => new(_history[slot], 0, _historyLength[slot]);

    /// <summary>The last prediction for <paramref name="steps"/> records ahead.</summary>
    public Prediction PredictionFor(int steps)
    {
        foreach (var p in _predictions) if (p.Steps == steps) return p;
        throw new ArgumentException($"The predictor was not configured to predict {steps} steps ahead.", nameof(steps));
    }

    /// <summary>
    /// Takes one record: predicts from <paramref name="activeBits"/> (sorted ascending, each below
    /// <see cref="InputSize"/>) and, when <paramref name="learn"/> and <paramref name="actualValue"/> is finite,
    /// learns that the patterns seen n records ago lead to this value. Returns <see cref="Predictions"/>,
    /// overwritten by the next call.
    /// </summary>
    public IReadOnlyList<Prediction> Compute(ReadOnlySpan<int> activeBits, double actualValue, bool learn = true)
    {
        CheckPattern(activeBits);
        Remember(activeBits);
        for (int s = 0; s < _steps.Length; s++) Infer(activeBits, s);
        if (!learn || !double.IsFinite(actualValue)) return _predictions;

        int target = BucketFor(actualValue);
        for (int s = 0; s < _steps.Length; s++)
        {
            int n = _steps[s];
            if (RecordCount <= n) continue;
            int slot = (HistoryHead - n + _history.Length) % _history.Length;
            Learn(HistorySlot(slot), s, target);
        }
        return _predictions;
    }

    /// <summary>Forgets the past patterns (e.g. at a sequence boundary) so none is linked to later values; keeps the weights.</summary>
    public void Reset()
    {
        RecordCount = 0;
        HistoryHead = 0;
        Array.Clear(_historyLength);
        foreach (var p in _predictions) p.Clear();
    }

    internal void SetHistorySlot(int slot, ReadOnlySpan<int> pattern)
    {
        if (_history[slot].Length < pattern.Length) _history[slot] = new int[Math.Min(InputSize, Math.Max(pattern.Length, 2 * _history[slot].Length))];
        pattern.CopyTo(_history[slot]);
        _historyLength[slot] = pattern.Length;
    }

    // Restores buckets and weight layout for a snapshot; weights are then filled through WeightsFor.
    internal void RestoreBuckets(int capacity, ReadOnlySpan<long> keys, ReadOnlySpan<long> counts, ReadOnlySpan<double> means)
    {
        Capacity = 0;
        BucketCount = 0;
        _bucketIndex.Clear();
        for (int s = 0; s < _weights.Length; s++) _weights[s] = [];
        if (capacity > 0) Grow(capacity);
        keys.CopyTo(_bucketKeys);
        counts.CopyTo(_bucketCounts);
        means.CopyTo(_bucketMeans);
        BucketCount = keys.Length;
        for (int b = 0; b < BucketCount; b++) _bucketIndex.Add(_bucketKeys[b], b);
    }

    private void CheckPattern(ReadOnlySpan<int> activeBits)
    {
        int last = -1;
        foreach (int i in activeBits)
        {
            if (i <= last || i >= InputSize)
                throw new ArgumentException($"Active bits must be ascending, distinct and below {InputSize}; found {i} after {last}.", nameof(activeBits));
            last = i;
        }
    }

    private void Remember(ReadOnlySpan<int> activeBits)
    {
        if (RecordCount > 0) HistoryHead = (HistoryHead + 1) % _history.Length;
        SetHistorySlot(HistoryHead, activeBits);
        RecordCount++;
    }

    private void Infer(ReadOnlySpan<int> pattern, int stepIndex)
    {
        var prediction = _predictions[stepIndex];
        int count = BucketCount;
        prediction.EnsureCapacity(count);
        prediction.BucketCount = count;
        if (count == 0)
        {
            prediction.Clear();
            return;
        }
        var probabilities = prediction.ProbabilityBuffer[..count];
        Softmax(pattern, _weights[stepIndex], probabilities);
        int best = 0;
        for (int b = 1; b < count; b++) if (probabilities[b] > probabilities[best]) best = b;
        new ReadOnlySpan<double>(_bucketMeans, 0, count).CopyTo(prediction.ValueBuffer);
        prediction.BestBucket = best;
        prediction.BestProbability = probabilities[best];
        prediction.BestValue = _bucketMeans[best];
    }

    // Gradient step of the cross-entropy loss: w[bit, b] += alpha·(1{b = target} − p[b]) for the pattern's bits.
    private void Learn(ReadOnlySpan<int> pattern, int stepIndex, int target)
    {
        int count = BucketCount;
        var weights = _weights[stepIndex];
        var probabilities = _scratch.AsSpan(0, count);
        Softmax(pattern, weights, probabilities);
        var delta = _delta.AsSpan(0, count);
        for (int b = 0; b < count; b++) delta[b] = (float)(_p.Alpha * ((b == target ? 1.0 : 0.0) - probabilities[b]));
        int capacity = Capacity;
        foreach (int bit in pattern)
        {
            var row = weights.AsSpan(bit * capacity, count);
            for (int b = 0; b < count; b++) row[b] += delta[b];
        }
    }

    private void Softmax(ReadOnlySpan<int> pattern, float[] weights, Span<double> output)
    {
        int count = output.Length;
        output.Clear();
        int capacity = Capacity;
        foreach (int bit in pattern)
        {
            var row = new ReadOnlySpan<float>(weights, bit * capacity, count);
            for (int b = 0; b < count; b++) output[b] += row[b];
        }
        double max = double.NegativeInfinity;
        for (int b = 0; b < count; b++) max = Math.Max(max, output[b]);
        double sum = 0;
        for (int b = 0; b < count; b++)
        {
            output[b] = Math.Exp(output[b] - max);
            sum += output[b];
        }
        for (int b = 0; b < count; b++) output[b] /= sum;
    }

    private int BucketFor(double value)
    {
        // Clamped so extreme values map to an extreme bucket instead of an undefined conversion.
        double scaled = Math.Clamp(Math.Floor(value / _p.Resolution), -4.0e18, 4.0e18);
        long key = (long)scaled;
        if (_bucketIndex.TryGetValue(key, out int bucket))
        {
            long n = ++_bucketCounts[bucket];
            _bucketMeans[bucket] += (value - _bucketMeans[bucket]) / n;
            return bucket;
        }
        if (BucketCount >= _p.MaxBuckets) return Nearest(key);
        if (BucketCount == Capacity) Grow(Math.Min(_p.MaxBuckets, Math.Max(InitialCapacity, Capacity * 2)));
        bucket = BucketCount++;
        _bucketKeys[bucket] = key;
        _bucketCounts[bucket] = 1;
        _bucketMeans[bucket] = value;
        _bucketIndex.Add(key, bucket);
        return bucket;
    }

    // Nearest known bucket number; ties go to the lower bucket number so the choice is deterministic.
    private int Nearest(long key)
    {
        int best = 0;
        for (int b = 1; b < BucketCount; b++)
        {
            long d = Math.Abs(_bucketKeys[b] - key), bestD = Math.Abs(_bucketKeys[best] - key);
            if (d < bestD || (d == bestD && _bucketKeys[b] < _bucketKeys[best])) best = b;
        }
        return best;
    }

    // Re-lays out every weight matrix with a wider bucket stride; existing weights keep their values.
    private void Grow(int capacity)
    {
        int old = Capacity;
        for (int s = 0; s < _weights.Length; s++)
        {
            var grown = new float[InputSize * capacity];
            if (old > 0)
                for (int bit = 0; bit < InputSize; bit++)
                    Array.Copy(_weights[s], bit * old, grown, bit * capacity, old);
            _weights[s] = grown;
        }
        Array.Resize(ref _bucketKeys, capacity);
        Array.Resize(ref _bucketCounts, capacity);
        Array.Resize(ref _bucketMeans, capacity);
        Array.Resize(ref _scratch, capacity);
        Array.Resize(ref _delta, capacity);
        Capacity = capacity;
    }
}
