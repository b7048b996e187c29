using System.Globalization;
using HtmCloud.Contracts.Models;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace HtmCloud.Cli.Output;

/// <summary>The most recent records whose anomaly likelihood (or score, where the model has no likelihood) reached the threshold.</summary>
public sealed class AnomalyTable(double threshold, int rows = 10)
{
    private readonly Queue<RecordResult> _recent = new();

    public double Threshold { get; } = threshold;

    public int Count { get; private set; }

    public void Add(RecordResult result)
    {
        if ((result.AnomalyLikelihood ?? result.AnomalyScore) < Threshold) return;
        Count++;
        _recent.Enqueue(result);
        if (_recent.Count > rows) _recent.Dequeue();
    }

    public IRenderable Render()
    {
        var table = new Table().Title($"Anomalies (likelihood ≥ {Threshold.ToString(CultureInfo.InvariantCulture)}): {Count}")
            .AddColumns("Seq", "Timestamp", "Score", "Likelihood", "Raw");
        foreach (var r in _recent.Reverse())
        {
            table.AddRow(
                r.Seq.ToString(CultureInfo.InvariantCulture),
                r.Timestamp?.ToString("u", CultureInfo.InvariantCulture) ?? "",
                Number(r.AnomalyScore),
                r.AnomalyLikelihood is { } likelihood ? Number(likelihood) : "",
                Number(r.RawAnomaly));
        }
        return table;
    }

    internal static string Number(double value) => value.ToString("0.0000", CultureInfo.InvariantCulture);
}
