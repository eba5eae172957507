/** Labelled report files (CSV with at least `text,category` columns) as examples for training and evaluation. */
import * as fs from 'node:fs';
import { CsvError, parseCsv } from './csv';

/** One labelled report. `city` is kept so validation can hold out whole cities. */
export interface Example {
  text: string;
  category: string;
  city: string;
}

/**
 * Reads a labelled CSV file. The header must name `text` and `category`; `source_city` is optional.
 * Throws CsvError (naming the line) on malformed CSV or a record with the wrong number of fields.
 */
export function readExamples(file: string): Example[] {
  let raw: string;
  try {
    raw = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new Error(`classifier: cannot read ${file}: ${(err as Error).message}`);
  }
  const [header, ...records] = parseCsv(raw, file);
  if (!header) throw new CsvError(file, 1, 'the file is empty; expected a header line with text,category');
  const columns = header.fields.map((f) => f.trim().toLowerCase());
  const textAt = columns.indexOf('text');
  const categoryAt = columns.indexOf('category');
  const cityAt = columns.indexOf('source_city');
  if (textAt < 0 || categoryAt < 0) {
    throw new CsvError(file, header.line, `the header must name "text" and "category" columns (found: ${header.fields.join(',')})`);
  }
  return records.map(({ line, fields }) => {
    if (fields.length !== columns.length) {
      throw new CsvError(file, line, `expected ${columns.length} fields like the header, found ${fields.length}`);
    }
    return { text: fields[textAt], category: fields[categoryAt].trim(), city: cityAt >= 0 ? fields[cityAt] : '' };
  });
}
