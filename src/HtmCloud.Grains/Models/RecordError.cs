namespace HtmCloud.Grains.Models;

/// <summary>Why the record at <see cref="Index"/> of a batch was refused (the records before it were kept).</summary>
[GenerateSerializer, Immutable]
public sealed record RecordError([property: Id(0)] int Index, [property: Id(1)] string Field, [property: Id(2)] string Message);
