import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CsvError, parseCsv } from '../../../classifiers/csv';
import { readExamples } from '../../../classifiers/dataset';

const fixtures = path.join(__dirname, '../../fixtures/classifier');

describe('parseCsv', () => {
  it("reads quoted fields with commas, doubled quotes, newlines and CRLF, with each record's first line", () => {
    const records = parseCsv('a,b\r\n"x, y","say ""hi"""\r\n"two\nlines",z\n\nlast,1');
    expect(records).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['x, y', 'say "hi"'] },
      { line: 3, fields: ['two\nlines', 'z'] },
      { line: 6, fields: ['last', '1'] },
    ]);
  });

  it('names the line where an unclosed quote starts', () => {
    expect(() => parseCsv('a,b\nok,1\n"never closed,2\nmore,3\n', 'f.csv')).toThrow('f.csv: line 3: a quoted field is never closed');
  });

  it('names the line of a stray quote inside a field', () => {
    expect(() => parseCsv('a,b\nok,1\nbad "quote",2\n', 'f.csv')).toThrow(/line 3/);
  });
});

describe('readExamples', () => {
  it('reports a malformed file by line number', () => {
    const file = path.join(fixtures, 'malformed.csv');
    expect(() => readExamples(file)).toThrow(CsvError);
    expect(() => readExamples(file)).toThrow(`${file}: line 3: a quoted field is never closed`);
  });

  it('reports a record with the wrong number of fields by line number', () => {
    expect(() => parseAndRead('text,category\nfine,pothole\ntoo,many,fields\n')).toThrow(/line 3: expected 2 fields/);
  });
});

function parseAndRead(content: string): unknown {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'csv-')), 'x.csv');
  fs.writeFileSync(file, content);
  return readExamples(file);
}
