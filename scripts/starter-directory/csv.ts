/** One CSV record with the line it starts on (a quoted value may span lines). */
export interface CsvRecord {
  line: number;
  values: string[];
}

export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * RFC 4180: comma-separated, double quotes around a value holding a comma, quote or line break, `""` for
 * a quote inside. CRLF and LF both end a record; a final line break is optional; a byte-order mark is
 * skipped. A quote inside an unquoted value, or text after a closing quote, is an error rather than a
 * guess.
 */
export function parseCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  while (i < text.length) {
    const start = line;
    const values: string[] = [];
    for (;;) {
      let value = '';
      if (text[i] === '"') {
        const opened = line;
        i++;
        for (;;) {
          if (i >= text.length) throw new CsvSyntaxError(opened, 'a quoted value is never closed');
          const c = text[i]!;
          if (c === '"') {
            if (text[i + 1] === '"') {
              value += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (c === '\n') line++;
          value += c;
          i++;
        }
        if (i < text.length && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') {
          throw new CsvSyntaxError(line, 'text follows a closing quote (a quote inside a value is written "")');
        }
      } else {
        while (i < text.length && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') {
          if (text[i] === '"') throw new CsvSyntaxError(line, 'a quote inside an unquoted value (quote the whole value)');
          value += text[i];
          i++;
        }
      }
      values.push(value);
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === '\r' && text[i + 1] === '\n') i++;
      if (i < text.length) {
        i++;
        line++;
      }
      break;
    }
    // A blank line carries no record.
    if (!(values.length === 1 && values[0] === '')) records.push({ line: start, values });
  }
  return records;
}
