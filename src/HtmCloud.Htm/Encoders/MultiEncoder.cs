using HtmCloud.Htm.Sdrs;

namespace HtmCloud.Htm.Encoders;

/// <summary>
/// Encodes a record of several fields by concatenating the fields' codes in the order given: field i occupies
/// <see cref="Segments"/>[i]. A missing value leaves its field's bits all zero.
/// </summary>
public sealed class MultiEncoder
{
    private readonly MultiEncoderField[] _fields;
    private readonly EncoderSegment[] _segments;
    private readonly Sdr[] _scratch;
    private readonly int[] _active;

    /// <summary>Creates the encoder from at least one field with distinct names.</summary>
    /// <exception cref="ArgumentException">No fields, or two fields share a name.</exception>
    public MultiEncoder(IEnumerable<MultiEncoderField> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        _fields = [.. fields];
        if (_fields.Length == 0) throw new ArgumentException("A multi-encoder needs at least one field.", nameof(fields));
        var names = new HashSet<string>(StringComparer.Ordinal);
        _segments = new EncoderSegment[_fields.Length];
        _scratch = new Sdr[_fields.Length];
        long offset = 0;
        for (int i = 0; i < _fields.Length; i++)
        {
            var field = _fields[i] ?? throw new ArgumentException($"Field {i} is null.", nameof(fields));
            if (!names.Add(field.Name)) throw new ArgumentException($"Two fields are named '{field.Name}'.", nameof(fields));
            _segments[i] = new EncoderSegment(field.Name, (int)offset, field.Size);
            _scratch[i] = new Sdr(field.Size);
            offset += field.Size;
            if (offset > EncoderChecks.MaxSize) throw new ArgumentException($"The fields need more than {EncoderChecks.MaxSize} bits.", nameof(fields));
        }
        Size = (int)offset;
        _active = new int[Size];
    }

    /// <summary>Total bits: the sum of the fields' sizes.</summary>
    public int Size { get; }

    /// <summary>The fields, in output order.</summary>
    public IReadOnlyList<MultiEncoderField> Fields => _fields;

    /// <summary>Each field's name, bit offset and width, in output order.</summary>
    public IReadOnlyList<EncoderSegment> Segments => _segments;

    /// <summary>Position of the field named <paramref name="name"/>, or −1.</summary>
    public int IndexOf(string name)
    {
        for (int i = 0; i < _fields.Length; i++)
            if (string.Equals(_fields[i].Name, name, StringComparison.Ordinal)) return i;
        return -1;
    }

    /// <summary>Encodes one record: <paramref name="values"/>[i] is the value of field i.</summary>
    /// <exception cref="ArgumentException">Wrong number of values, a value of the wrong kind, or a wrong output size.</exception>
    public void Encode(ReadOnlySpan<FieldValue> values, Sdr output)
    {
        EncoderChecks.RequireSize(output, Size);
        if (values.Length != _fields.Length)
            throw new ArgumentException($"Expected {_fields.Length} field values, got {values.Length}.", nameof(values));
        int n = 0;
        for (int i = 0; i < _fields.Length; i++)
        {
            var scratch = _scratch[i];
            _fields[i].Encode(values[i], scratch);
            int offset = _segments[i].Offset;
            foreach (int bit in scratch.Sparse) _active[n++] = offset + bit;
        }
        output.SetSortedUnchecked(_active.AsSpan(0, n));
    }
}
