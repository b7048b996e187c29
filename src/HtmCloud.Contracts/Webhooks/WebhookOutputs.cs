namespace HtmCloud.Contracts.Webhooks;

/// <summary>
/// Per-pool outputs an endpoint may ask for in <see cref="WebhookRequest.Include"/>. A message carries an output
/// only if the model's graph returns it; the anomaly figures are always sent.
/// </summary>
public static class WebhookOutputs
{
    public const string ActiveColumns = "activeColumns";
    public const string ActiveCells = "activeCells";
    public const string WinnerCells = "winnerCells";
    public const string PredictiveCells = "predictiveCells";
    public const string Predictions = "predictions";

    public static readonly IReadOnlyList<string> All = [ActiveColumns, ActiveCells, WinnerCells, PredictiveCells, Predictions];
}
