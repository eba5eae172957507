import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { LOCALES_DIR } from '../../classifiers/paths';
import { type LocaleFile, Locales } from '../domain/locale';
import { OperatorError } from '../errors';

/** The shipped locale files (locales/<code>.json), beside package.json whether run from src/ or dist/. */
export const BUNDLED_LOCALES_DIR = LOCALES_DIR;

const words = z.array(z.string().min(1));
const MetaSchema = z.object({
  name: z.string().min(1),
  english: z.string().min(1),
  rank: z.number().int().min(0).optional(),
  dir: z.enum(['ltr', 'rtl']),
  script: z.string().regex(/^[A-Z][a-z]{3}$/, 'an ISO 15924 script code such as Latn'),
  intl: z.string().min(2),
  voice: z.object({
    speech: z.string().min(2),
    say: z.object({ voice: z.string().min(1), language: z.string().min(2) }).nullable(),
  }),
  switch: words.min(1),
  keywords: z.object({
    stop: words,
    help: words,
    status: words,
    follow: words,
    yes: words,
    no: words,
    reset: words,
    private: words,
    thanks: words,
    emergency: words,
  }),
  detect: z.object({
    franc: z
      .string()
      .regex(/^[a-z]{3}$/)
      .optional(),
    cues: words,
  }),
});
type TextsShape = string | { [key: string]: TextsShape };
const TextsSchema: z.ZodType<TextsShape> = z.lazy(() => z.union([z.string(), z.record(z.string(), TextsSchema)]));
const FileSchema = z.object({ meta: MetaSchema }).catchall(TextsSchema);

/** `en.json` -> `en`; the classifier's glossaries (`<code>.understanding.json`) beside them are not locales. */
const CODE = /^([a-z]{2,3}(?:-[A-Z][a-z]{3})?(?:-[A-Z]{2})?)\.json$/;

/** Every locale file in `dir`, by code. Errors name the file and the field. */
export function readLocaleFiles(dir: string = BUNDLED_LOCALES_DIR): Map<string, LocaleFile> {
  const out = new Map<string, LocaleFile>();
  for (const name of fs.readdirSync(dir).sort()) {
    const code = CODE.exec(name)?.[1];
    if (!code) continue;
    const file = path.join(dir, name);
    let json: unknown;
    try {
      json = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (err) {
      throw new OperatorError(`locales: cannot read ${file}: ${(err as Error).message}`);
    }
    const parsed = FileSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new OperatorError(`locales ${file}: ${issue.path.join('.')}: ${issue.message}`);
    }
    const { meta, ...texts } = parsed.data;
    out.set(code, { code, meta, texts: texts as LocaleFile['texts'] });
  }
  return out;
}

/**
 * The enabled locales in LANGUAGES order (default: every file, English first, then by `meta.rank`). A code with no file stops the
 * boot with a message naming LANGUAGES and the files there are.
 */
export function loadLocales(enabled?: readonly string[], dir: string = BUNDLED_LOCALES_DIR): Locales {
  const files = readLocaleFiles(dir);
  const all = [...files.keys()];
  const rank = (c: string) => (c === 'en' ? -1 : (files.get(c)?.meta.rank ?? Number.MAX_SAFE_INTEGER));
  const codes = enabled?.length ? enabled : [...all].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  const missing = codes.filter((c) => !files.has(c));
  if (missing.length) {
    throw new OperatorError(`LANGUAGES: no locale file for ${missing.join(', ')} in ${dir}; the shipped locales are ${all.join(', ')}`);
  }
  return new Locales(codes.map((c) => files.get(c)!));
}
