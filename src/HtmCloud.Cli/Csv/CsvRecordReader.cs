using System.Globalization;
using HtmCloud.Cli.Output;
using HtmCloud.Contracts.Graphs;

namespace HtmCloud.Cli.Csv;

/// <summary>
/// A CSV file whose header names the model's fields: each row becomes a record, numbers parsed (invariant culture),
/// date-times normalised to ISO 8601 UTC, other fields as text. Any bad cell fails with its line and column
/// (exit code 5) before anything is sent. Columns that are not fields are ignored.
/// </summary>
public sealed class CsvRecordReader
{
    private readonly FileInfo _file;
    private readonly IReadOnlyList<GraphField> _fields;
    private readonly int[] _columns;

    private CsvRecordReader(FileInfo file, IReadOnlyList<GraphField> fields, int[] columns, IReadOnlyList<string> ignored)
    {
        _file = file;
        _fields = fields;
        _columns = columns;
        IgnoredColumns = ignored;
    }

    public IReadOnlyList<string> IgnoredColumns { get; }

    public static CsvRecordReader Open(FileInfo file, IReadOnlyList<GraphField> fields)
    {
        string? header = File.ReadLines(file.FullName).FirstOrDefault(l => !string.IsNullOrWhiteSpace(l));
        if (header is null) throw Invalid(file, "is empty: its first line must name the model's fields");
        var names = CsvLine.Split(header.TrimStart('\uFEFF'))?.Select(n => n.Trim()).ToList()
            ?? throw Invalid(file, "line 1 (the header) has an unclosed quote");
        var missing = fields.Where(f => !names.Contains(f.Name)).Select(f => f.Name).ToList();
        if (missing.Count > 0)
            throw Invalid(file, $"has no column {string.Join(", ", missing.Select(m => $"'{m}'"))}: its header is '{header.Trim()}', the model's fields are {string.Join(", ", fields.Select(f => f.Name))}");
        int[] columns = fields.Select(f => names.IndexOf(f.Name)).ToArray();
        return new CsvRecordReader(file, fields, columns, names.Where(n => fields.All(f => f.Name != n)).ToList());
    }

    /// <summary>Every record, in file order; throws on the first bad row.</summary>
    public IEnumerable<Dictionary<string, object?>> Records()
    {
        int number = 0;
        bool header = true;
        foreach (string line in File.ReadLines(_file.FullName))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            if (header)
            {
                header = false;
                continue;
            }
            var cells = CsvLine.Split(line) ?? throw Invalid(_file, $"line {number} has an unclosed quote");
            var record = new Dictionary<string, object?>(_fields.Count);
            for (int f = 0; f < _fields.Count; f++)
            {
                var field = _fields[f];
                if (_columns[f] >= cells.Count) throw Invalid(_file, $"line {number} has {cells.Count} cells, too few for column '{field.Name}'");
                record[field.Name] = Convert(field, cells[_columns[f]].Trim(), number);
            }
            yield return record;
        }
    }

    private object Convert(GraphField field, string cell, int line)
    {
        if (cell.Length == 0) throw Invalid(_file, $"line {line}, column '{field.Name}': the cell is empty");
        switch (field.Type)
        {
            case GraphFieldType.Number:
                if (double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out double number) && double.IsFinite(number)) return number;
                throw Invalid(_file, $"line {line}, column '{field.Name}': '{cell}' is not a number");
            case GraphFieldType.DateTime:
                if (DateTimeOffset.TryParse(cell, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
                    return time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
                throw Invalid(_file, $"line {line}, column '{field.Name}': '{cell}' is not a date-time (ISO 8601, e.g. 2026-01-01T00:00:00Z)");
            default:
                return cell;
        }
    }

    private static CliException Invalid(FileInfo file, string message) => new(ExitCodes.Invalid, $"{file.Name} {message}");
}
