/** One record of a CSV file: its cells and the line it starts on (the header is line 1). */
export interface CsvRecord {
  readonly line: number;
  readonly cells: readonly string[];
}

export interface CsvTable {
  readonly header: readonly string[];
  readonly records: readonly CsvRecord[];
}

/**
 * Reads RFC 4180 CSV: comma-separated, fields in double quotes may hold commas, line breaks and
 * doubled quotes; CRLF or LF line ends; a BOM and blank lines are ignored. Throws on a quote left open.
 */
export function parseCsv(text: string): CsvTable {
  const rows: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const endRow = () => {
    cells.push(cell);
    if (cells.length > 1 || cells[0] !== '') rows.push({ line: rowLine, cells });
    cells = [];
    cell = '';
  };
  for (let index = 0; index < source.length; index += 1) {
    const character = source[index];
    if (quoted) {
      if (character === '"' && source[index + 1] === '"') {
        cell += '"';
        index += 1;
      } else if (character === '"') quoted = false;
      else {
        if (character === '\n') line += 1;
        cell += character;
      }
    } else if (character === '"' && cell === '') quoted = true;
    else if (character === ',') {
      cells.push(cell);
      cell = '';
    } else if (character === '\n' || character === '\r') {
      if (character === '\r' && source[index + 1] === '\n') index += 1;
      endRow();
      line += 1;
      rowLine = line;
    } else cell += character;
  }
  if (quoted) throw new Error(`A quoted field opened on line ${rowLine} is never closed`);
  if (cell !== '' || cells.length > 0) endRow();
  const [header, ...records] = rows;
  return { header: header?.cells ?? [], records };
}
