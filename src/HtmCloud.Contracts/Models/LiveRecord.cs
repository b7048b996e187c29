using System.Text.Json;
using System.Text.Json.Serialization;

namespace HtmCloud.Contracts.Models;

/// <summary>
/// One processed record as <c>GET /v1/models/{id}/stream</c> sends it: the <see cref="Result"/> the records endpoint
/// returned, and the record's <see cref="Input"/> fields as they were sent (so a live chart can draw the value).
/// </summary>
public sealed record LiveRecord(
    RecordResult Result,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, JsonElement>? Input);
