using System.Globalization;

namespace HtmCloud.Bench.Nab;

/// <summary>
/// One NAB data file as the scorer sees it: rows, probationary length, windows as row ranges and each
/// row's unit weight (the scaled sigmoid before the profile's TP or FP weight is applied).
/// </summary>
public sealed class NabFile
{
    private readonly DateTime[] _timestamps;
    private readonly double[] _values;
    private readonly NabWindow[] _windows;

    private NabFile(string key, DateTime[] timestamps, double[] values, NabWindow[] windows)
    {
        Key = key;
        int slash = key.IndexOf('/');
        Category = slash < 0 ? "" : key[..slash];
        Name = Path.GetFileNameWithoutExtension(key[(slash + 1)..]);
        _timestamps = timestamps;
        _values = values;
        _windows = windows;
        ProbationaryLength = ProbationaryLengthFor(timestamps.Length);
        WindowOf = new int[timestamps.Length];
        UnitWeights = new double[timestamps.Length];
        FillWeights();
    }

    /// <summary>"&lt;category&gt;/&lt;name&gt;.csv", as in the labels file.</summary>
    public string Key { get; }
    public string Category { get; }
    /// <summary>File name without the .csv.</summary>
    public string Name { get; }
    public int RowCount => _timestamps.Length;
    /// <summary>Rows before this index never count: min(floor(0.15·N), 750).</summary>
    public int ProbationaryLength { get; }
    public IReadOnlyList<DateTime> Timestamps => _timestamps;
    /// <summary>The data values (empty when the file was built without them).</summary>
    public IReadOnlyList<double> Values => _values;
    public IReadOnlyList<NabWindow> Windows => _windows;

    /// <summary>Window index per row, −1 outside all windows.</summary>
    internal int[] WindowOf { get; }
    /// <summary>Per row: inside a window scaledSigmoid(pos)/maxTP, outside the FP sigmoid (−1 before any window).</summary>
    internal double[] UnitWeights { get; }

    public static int ProbationaryLengthFor(int rows) => Math.Min((int)Math.Floor(0.15 * rows), 750);

    /// <summary>What a detection at this row is worth under the profile (the s_i of the README).</summary>
    public double Weight(int row, NabProfile profile) =>
        WindowOf[row] >= 0 ? profile.TpWeight * UnitWeights[row] : profile.FpWeight * UnitWeights[row];

    /// <summary>Builds a file from its timestamps and window boundaries (each mapped to the first row with that timestamp).</summary>
    public static NabFile Create(string key, IReadOnlyList<DateTime> timestamps, IReadOnlyList<(DateTime Start, DateTime End)> windows,
        IReadOnlyList<double>? values = null)
    {
        var times = timestamps.ToArray();
        var firstRow = new Dictionary<DateTime, int>(times.Length);
        for (int i = 0; i < times.Length; i++) firstRow.TryAdd(times[i], i);
        var mapped = new NabWindow[windows.Count];
        for (int k = 0; k < windows.Count; k++)
        {
            int start = RowOf(firstRow, windows[k].Start, key), end = RowOf(firstRow, windows[k].End, key);
            if (end < start) throw new InvalidDataException($"{key}: window {k} ends (row {end}) before it starts (row {start}).");
            if (k > 0 && start <= mapped[k - 1].End) throw new InvalidDataException($"{key}: window {k} overlaps or precedes window {k - 1}.");
            mapped[k] = new NabWindow(start, end);
        }
        return new NabFile(key, times, values?.ToArray() ?? [], mapped);
    }

    /// <summary>Reads &lt;dataRoot&gt;/&lt;key&gt; (timestamp,value; a missing final newline is fine).</summary>
    public static NabFile Load(string dataRoot, string key, IReadOnlyList<(DateTime Start, DateTime End)> windows)
    {
        var times = new List<DateTime>();
        var values = new List<double>();
        foreach (var line in File.ReadLines(Path.Combine(dataRoot, key)).Skip(1))
        {
            if (line.Length == 0) continue;
            int comma = line.IndexOf(',');
            times.Add(NabTimestamp.Parse(line.AsSpan(0, comma)));
            values.Add(double.Parse(line.AsSpan(comma + 1), CultureInfo.InvariantCulture));
        }
        return Create(key, times, windows, values);
    }

    private static int RowOf(Dictionary<DateTime, int> firstRow, DateTime boundary, string key) =>
        firstRow.TryGetValue(boundary, out int row) ? row
            : throw new InvalidDataException($"{key}: window boundary {boundary:yyyy-MM-dd HH:mm:ss} matches no row's timestamp.");

    private void FillWeights()
    {
        Array.Fill(WindowOf, -1);
        for (int k = 0; k < _windows.Length; k++)
            for (int i = _windows[k].Start; i <= _windows[k].End; i++) WindowOf[i] = k;
        // The previous window is tracked through probationary rows too, so weights start at row 0.
        int previous = -1;
        for (int i = 0; i < UnitWeights.Length; i++)
        {
            int k = WindowOf[i];
            if (k >= 0)
            {
                var w = _windows[k];
                UnitWeights[i] = NabScorer.ScaledSigmoid(-(double)(w.End - i + 1) / w.Width) / NabScorer.MaxTp;
                previous = k;
            }
            else if (previous < 0) UnitWeights[i] = -1.0;
            else
            {
                var w = _windows[previous];
                UnitWeights[i] = NabScorer.ScaledSigmoid(Math.Abs(w.End - i) / (double)(w.Width - 1));
            }
        }
    }
}
