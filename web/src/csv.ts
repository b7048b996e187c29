// CSV to rows (RFC 4180: quoted fields, doubled quotes, CRLF or LF); the first row is the header.
export interface Table {
  columns: string[];
  rows: string[][];
}

export function parseCsv(text: string): Table {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === "") quoted = true;
    else if (c === ",") { row.push(field); field = ""; }
    else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(field); field = "";
      if (row.length > 1 || row[0] !== "") rows.push(row);
      row = [];
    } else field += c;
  }
  if (field !== "" || row.length > 0) { row.push(field); rows.push(row); }
  const [header = [], ...body] = rows;
  return { columns: header.map((c) => c.trim()), rows: body };
}

/** The column a field most likely comes from: same name, else the first of the wanted kind. */
export function guessColumn(table: Table, field: string, type: string): number {
  const exact = table.columns.findIndex((c) => c.toLowerCase() === field.toLowerCase());
  if (exact >= 0) return exact;
  const sample = table.rows[0] ?? [];
  const fits = (value: string | undefined) =>
    value !== undefined && (type === "number" ? value.trim() !== "" && Number.isFinite(Number(value)) : type === "dateTime" ? !Number.isNaN(Date.parse(value)) : true);
  const guess = table.columns.findIndex((_, i) => fits(sample[i]));
  return guess >= 0 ? guess : 0;
}
