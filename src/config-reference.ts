import type { z } from 'zod';
import { GROUP_ORDER, SETTING_DOCS, type SettingDoc } from './config-descriptions';

/**
 * The configuration reference (docs/configuration.md), generated from the zod schema so it cannot drift:
 * names, defaults and accepted values come from `EnvSchema`, meanings from `.describe()`, `SETTING_DOCS`, or the
 * README's table row, in that order. `intake311 config reference --out docs/configuration.md` writes it.
 */

/** One setting as the reference shows it. */
export interface SettingEntry {
  name: string;
  group: string;
  meaning?: string;
  /** Where the meaning came from; undefined: nowhere (the test fails). */
  source?: 'schema' | 'docs' | 'readme';
  default: string;
  accepts: string;
}

// zod 4 keeps a schema's definition in `_zod.def`; only the fields read here are typed.
interface Def {
  type: string;
  innerType?: Schema;
  in?: Schema;
  defaultValue?: unknown;
  checks?: { _zod: { def: { check: string; format?: string; minimum?: number; error?: () => string } } }[];
  format?: string;
  entries?: Record<string, string>;
}
interface Schema {
  _zod: { def: Def };
  description?: string;
  minValue?: number | null;
  maxValue?: number | null;
  isInt?: boolean;
  options?: string[];
}

const BOOL_WORDS = ['true', 'false', '1', '0', 'on', 'off', 'yes', 'no'];

/** The default as an operator would write it, or "unset". */
function defaultOf(s: Schema): string {
  const d = s._zod.def;
  if (d.type === 'default') {
    const v = d.defaultValue;
    return v === true ? '`on`' : v === false ? '`off`' : `\`${String(v)}\``;
  }
  if (d.type === 'pipe' && d.in) return defaultOf(d.in);
  return 'unset';
}

/** What values are accepted, read off the schema's checks. */
function acceptsOf(s: Schema): string {
  const d = s._zod.def;
  if ((d.type === 'default' || d.type === 'optional') && d.innerType) return acceptsOf(d.innerType);
  if (d.type === 'pipe' && d.in) return acceptsOf(d.in);
  if (d.type === 'enum') {
    const options = s.options ?? Object.values(d.entries ?? {});
    if (options.every((o) => BOOL_WORDS.includes(o))) return '`on` or `off` (also `true`/`false`, `yes`/`no`, `1`/`0`)';
    return options.map((o) => `\`${o}\``).join(', ');
  }
  if (d.type === 'number') {
    const kind = s.isInt ? 'integer' : 'number';
    const min = s.minValue ?? undefined;
    const max =
      s.maxValue !== undefined && s.maxValue !== null && Number.isFinite(s.maxValue) && s.maxValue < Number.MAX_SAFE_INTEGER ? s.maxValue : undefined;
    if (min !== undefined && Number.isFinite(min) && max !== undefined) return `${kind}, ${min} to ${max}`;
    if (min !== undefined && Number.isFinite(min)) return `${kind}, at least ${min}`;
    return kind;
  }
  if (d.type === 'string') {
    const rules: string[] = [];
    for (const c of d.checks ?? []) {
      const cd = c._zod.def;
      const message = cd.error?.();
      if (cd.check === 'string_format' && cd.format === 'url') rules.push('a URL');
      else if (message) rules.push(message.replace(/^must (be )?/, ''));
      else if (cd.check === 'min_length' && (cd.minimum ?? 0) > 1) rules.push(`at least ${cd.minimum} characters`);
    }
    if (d.format === 'url') rules.push('a URL');
    return rules.length ? [...new Set(rules)].join('; ') : 'text';
  }
  return d.type;
}

/** Meaning of each variable named in the README's configuration table (`| \`A\`, \`B\` | default | meaning |`). */
export function readmeMeanings(readme: string): Map<string, string> {
  const meanings = new Map<string, string>();
  for (const line of readme.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    if (cells.length < 5 || !cells[1].startsWith('`')) continue;
    for (const m of cells[1].matchAll(/`([A-Z][A-Z0-9_]{2,})`/g)) if (!meanings.has(m[1])) meanings.set(m[1], cells[3]);
  }
  return meanings;
}

/** Every setting of the schema, with what the reference says about it. */
export function settingEntries(shape: Record<string, z.ZodType>, readme: string, docs: Record<string, SettingDoc> = SETTING_DOCS): SettingEntry[] {
  const fromReadme = readmeMeanings(readme);
  return Object.entries(shape).map(([name, zs]) => {
    const s = zs as unknown as Schema;
    const doc = docs[name];
    const described = s.description;
    const readmeText = fromReadme.get(name);
    return {
      name,
      group: doc?.group ?? 'Other settings',
      meaning: described ?? doc?.meaning ?? readmeText,
      source: described ? 'schema' : doc ? 'docs' : readmeText ? 'readme' : undefined,
      default: defaultOf(s),
      accepts: acceptsOf(s),
    };
  });
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n+/g, ' ');

/** The whole of docs/configuration.md. */
export function renderConfigReference(entries: SettingEntry[]): string {
  const groups = [...new Set([...GROUP_ORDER, ...entries.map((e) => e.group)])].filter((g) => entries.some((e) => e.group === g));
  const lines = [
    '# Configuration reference',
    '',
    '<!-- Generated by `npm run docs:config` from the zod schema in src/config.ts and the texts in',
    '     src/config-descriptions.ts. Do not edit by hand: a test fails when this file is out of date. -->',
    '',
    'Every setting is an environment variable, read once at start-up and validated (`src/config.ts`). A bad value',
    'stops the process with a message naming the variable. An empty value counts as unset. Settings a city must',
    'change are in [city-settings.md](city-settings.md); a production set-up is in [deployment.md](deployment.md).',
    '',
    `${entries.length} settings.`,
  ];
  for (const group of groups) {
    lines.push('', `## ${group}`, '', '| variable | default | accepts | meaning |', '|---|---|---|---|');
    for (const e of entries.filter((x) => x.group === group)) {
      lines.push(`| \`${e.name}\` | ${cell(e.default)} | ${cell(e.accepts)} | ${cell(e.meaning ?? '**undocumented**')} |`);
    }
  }
  return `${lines.join('\n')}\n`;
}
