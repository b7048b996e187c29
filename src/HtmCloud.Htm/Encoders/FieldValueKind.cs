namespace HtmCloud.Htm.Encoders;

/// <summary>What a <see cref="FieldValue"/> holds.</summary>
public enum FieldValueKind
{
    /// <summary>No value: the field encodes as all zeros.</summary>
    Missing = 0,

    /// <summary>A <see cref="double"/>.</summary>
    Number,

    /// <summary>A <see cref="System.DateTime"/>.</summary>
    DateTime,

    /// <summary>A string (category or text).</summary>
    Text,
}
