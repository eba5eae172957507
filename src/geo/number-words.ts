/**
 * Spoken house numbers, as voice transcripts and some texts write them: "twelve elm street", "one twenty five
 * main st" (said as 1-25), "one two three" (digit by digit), "cuarenta y cinco". Cardinal words only: ordinals
 * ("second") are street names here. "un"/"una" and "a" are articles far more often than numbers, so they are not read.
 */
import type { Token } from './tokens';

type Kind = 'unit' | 'teen' | 'tens' | 'hundreds' | 'hundred' | 'thousand';

const WORDS = new Map<string, [Kind, number]>();
const add = (kind: Kind, entries: Record<string, number>) => {
  for (const [w, v] of Object.entries(entries)) WORDS.set(w, [kind, v]);
};
add('unit', { zero: 0, oh: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9 });
add('unit', { cero: 0, uno: 1, dos: 2, tres: 3, cuatro: 4, cinco: 5, seis: 6, siete: 7, ocho: 8, nueve: 9 });
add('teen', { ten: 10, eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19 });
add('teen', { diez: 10, once: 11, doce: 12, trece: 13, catorce: 14, quince: 15, dieciseis: 16, diecisiete: 17, dieciocho: 18, diecinueve: 19 });
add('teen', { veinte: 20, veintiuno: 21, veintidos: 22, veintitres: 23, veinticuatro: 24, veinticinco: 25, veintiseis: 26, veintisiete: 27 });
add('teen', { veintiocho: 28, veintinueve: 29 });
add('tens', { twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90 });
add('tens', { treinta: 30, cuarenta: 40, cincuenta: 50, sesenta: 60, setenta: 70, ochenta: 80, noventa: 90 });
add('hundreds', { cien: 100, ciento: 100, doscientos: 200, trescientos: 300, cuatrocientos: 400, quinientos: 500, seiscientos: 600 });
add('hundreds', { setecientos: 700, ochocientos: 800, novecientos: 900 });
add('hundred', { hundred: 100 });
add('thousand', { thousand: 1000, mil: 1000 });

/** Reads one run of number words starting at `start`; returns the digits and the index after the run. */
function readRun(tokens: Token[], start: number): { digits: string; end: number } | undefined {
  const chunks: number[] = [];
  let cur: number | undefined;
  let last: Kind | undefined;
  let i = start;
  const push = () => {
    if (cur !== undefined) chunks.push(cur);
    cur = undefined;
  };
  for (; i < tokens.length; i++) {
    const word = tokens[i].norm;
    const next = WORDS.get(tokens[i + 1]?.norm ?? '');
    // "one hundred and five", "cuarenta y cinco": the joiner belongs to the number only between the right parts.
    if (word === 'and' && last === 'hundred' && next && next[0] !== 'hundred' && next[0] !== 'thousand') continue;
    if (word === 'y' && last === 'tens' && next?.[0] === 'unit') continue;
    const entry = WORDS.get(word);
    if (!entry) break;
    const [kind, value] = entry;
    if (kind === 'unit') {
      if (cur !== undefined && (last === 'tens' || last === 'hundred' || last === 'hundreds' || last === 'thousand')) cur += value;
      else {
        push();
        cur = value;
      }
    } else if (kind === 'teen' || kind === 'tens') {
      if (cur !== undefined && (last === 'hundred' || last === 'hundreds' || last === 'thousand')) cur += value;
      else {
        push();
        cur = value;
      }
    } else if (kind === 'hundred') {
      if (cur !== undefined && last === 'unit') cur *= 100;
      else {
        push();
        cur = 100;
      }
    } else if (kind === 'hundreds') {
      push();
      cur = value;
    } else {
      cur = (cur ?? 1) * 1000;
    }
    last = kind;
  }
  push();
  if (chunks.length === 0) return undefined;
  return { digits: chunks.join(''), end: i };
}

/** Replaces each run of cardinal number words with one number token. */
export function readNumberWords(tokens: Token[]): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; ) {
    const run = WORDS.has(tokens[i].norm) ? readRun(tokens, i) : undefined;
    if (!run) {
      out.push(tokens[i++]);
      continue;
    }
    const raw = tokens
      .slice(i, run.end)
      .map((t) => t.raw)
      .join(' ');
    out.push({ raw, norm: run.digits, cap: false, number: true });
    i = run.end;
  }
  return out;
}
