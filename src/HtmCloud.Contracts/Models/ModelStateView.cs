namespace HtmCloud.Contracts.Models;

/// <summary>The model's last processed record and its SDRs per pool (all SDR arrays included).</summary>
public sealed record ModelStateView(long RecordsProcessed, RecordResult? Last);
