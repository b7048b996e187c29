using System.Text;

namespace HtmCloud.Cli.Csv;

/// <summary>Splits one CSV line (RFC 4180 quoting: "a,b" and "" inside quotes); null when a quote is left open.</summary>
public static class CsvLine
{
    public static List<string>? Split(string line)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted)
            {
                if (c != '"') cell.Append(c);
                else if (i + 1 < line.Length && line[i + 1] == '"') cell.Append(line[++i]);
                else quoted = false;
            }
            else if (c == '"') quoted = true;
            else if (c == ',')
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else cell.Append(c);
        }
        if (quoted) return null;
        cells.Add(cell.ToString());
        return cells;
    }
}
