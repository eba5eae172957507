/**
 * A small RFC 4180 CSV reader. Training and evaluation files come from many 311 exports, with quoted
 * multi-line descriptions; a malformed file must be reported by line so a person can fix it, never
 * silently mis-split into wrong labels.
 */

/** A CSV syntax error, naming the 1-based physical line where the bad record starts or the error lies. */
export class CsvError extends Error {
  constructor(
    readonly source: string,
    readonly line: number,
    detail: string,
  ) {
    super(`${source}: line ${line}: ${detail}`);
    this.name = 'CsvError';
  }
}

/** One parsed record and the physical line it starts on (1-based). */
export interface CsvRecord {
  line: number;
  fields: string[];
}

/**
 * Parses CSV text into records. Fields may be quoted with `"`; inside quotes, `""` is a quote and
 * commas and newlines are data. CRLF and LF both end records; a final newline is optional; blank
 * lines are skipped. `source` names the input in error messages (default `"csv"`).
 */
export function parseCsv(text: string, source = 'csv'): CsvRecord[] {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let fieldStarted = false;

  const endRecord = (): void => {
    fields.push(field);
    if (!(fields.length === 1 && fields[0] === '' && !fieldStarted)) records.push({ line: recordLine, fields });
    fields = [];
    field = '';
    fieldStarted = false;
  };

  while (i < text.length) {
    const ch = text[i];
    if (ch === '"') {
      if (field !== '') throw new CsvError(source, line, 'a quote inside an unquoted field; quote the whole field and double inner quotes');
      const openedAt = line;
      i++;
      for (;;) {
        const close = text.indexOf('"', i);
        if (close < 0) throw new CsvError(source, openedAt, 'a quoted field is never closed');
        const chunk = text.slice(i, close);
        line += countNewlines(chunk);
        field += chunk;
        if (text[close + 1] === '"') {
          field += '"';
          i = close + 2;
          continue;
        }
        i = close + 1;
        break;
      }
      fieldStarted = true;
      const next = text[i];
      if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') {
        throw new CsvError(source, line, 'text after a closing quote; expected a comma or the end of the line');
      }
      continue;
    }
    if (ch === ',') {
      fields.push(field);
      field = '';
      fieldStarted = true;
      i++;
      continue;
    }
    if (ch === '\r' || ch === '\n') {
      endRecord();
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
      recordLine = line;
      continue;
    }
    let end = i + 1;
    while (end < text.length && !isDelimiter(text.charCodeAt(end))) end++;
    field += text.slice(i, end);
    i = end;
  }
  if (field !== '' || fields.length > 0 || fieldStarted) endRecord();
  return records;
}

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

function isDelimiter(code: number): boolean {
  return code === COMMA || code === LF || code === CR || code === QUOTE;
}

function countNewlines(chunk: string): number {
  let n = 0;
  for (let at = chunk.indexOf('\n'); at >= 0; at = chunk.indexOf('\n', at + 1)) n++;
  return n;
}
