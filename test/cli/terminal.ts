import { PassThrough } from 'node:stream';
import { eventually } from '../integration/try/server';

/** A terminal for an in-process CLI command: lines typed into `input`, printed lines collected in `lines`. */
export function terminal() {
  const input = new PassThrough();
  const lines: string[] = [];
  return {
    input,
    lines,
    print: (line: string) => void lines.push(line),
    type: (line: string) => void input.write(`${line}\n`),
    /** Waits for a printed line matching `pattern` after the first `from` lines, and returns it. */
    waitFor: (pattern: RegExp, from = 0) =>
      eventually(`a printed line matching ${pattern}`, async () => lines.slice(from).find((l) => pattern.test(l))).catch((err: Error) => {
        throw new Error(`${err.message}; the terminal shows:\n${lines.join('\n')}`);
      }),
  };
}
