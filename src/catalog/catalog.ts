import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Language } from '../domain/classifier';
import type { Locales } from '../domain/locale';

/** A name in English and any other languages the city's catalog gives; the locale files fill in the rest. */
const Localized = z.object({ en: z.string().min(1) }).catchall(z.string().min(1));
type LocalizedText = z.infer<typeof Localized>;

const AttributeSchema = z.object({
  code: z.string().regex(/^[a-z0-9_]+$/),
  datatype: z.enum(['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist']),
  required: z.boolean().default(false),
  description: Localized,
  values: z.array(z.object({ key: z.string().min(1), name: Localized })).optional(),
});

const ServiceSchema = z.object({
  service_code: z.string().regex(/^[a-z0-9-]+$/, 'service codes are lower-case words joined by -'),
  name: Localized,
  description: Localized.optional(),
  department: z.string().min(1),
  group: z.string().min(1),
  keywords: z.array(z.string()).default([]),
  attributes: z.array(AttributeSchema).default([]),
  /** Business days the city aims to close a case of this kind in; the console's due dates and overdue marks. Unset: no due date. */
  service_level_days: z.number().int().positive().max(365).optional(),
});

const CatalogSchema = z.object({
  city: z.string().min(1),
  default_service_code: z.string().min(1),
  services: z.array(ServiceSchema).min(1),
});

export type ServiceAttribute = z.infer<typeof AttributeSchema>;
export type Service = z.infer<typeof ServiceSchema>;

/** The city's service catalog: the categories a case can have. */
export class Catalog {
  private readonly byCode: Map<string, Service>;

  constructor(
    readonly city: string,
    readonly services: Service[],
    readonly defaultServiceCode: string,
    /** The locale files' catalog names (`catalog.services.<code>`...), for languages the catalog itself does not name. */
    private readonly translations?: Locales,
  ) {
    this.byCode = new Map(services.map((s) => [s.service_code, s]));
    if (!this.byCode.has(defaultServiceCode)) {
      throw new Error(`catalog: default_service_code "${defaultServiceCode}" is not one of its services`);
    }
  }

  get(code: string): Service | undefined {
    return this.byCode.get(code);
  }

  has(code: string): boolean {
    return this.byCode.has(code);
  }

  codes(): string[] {
    return this.services.map((s) => s.service_code);
  }

  /**
   * The service's name in the resident's language: the catalog's own word for it, else the locale file's, else
   * English (the code itself if the service is unknown).
   */
  name(code: string, language: Language = 'en'): string {
    const s = this.byCode.get(code);
    return s ? this.pick(s.name, language, `catalog.services.${code}`) : code;
  }

  /** The service's name in every enabled language (and any the catalog itself gives), each once. */
  names(code: string): string[] {
    const s = this.byCode.get(code);
    if (!s) return [];
    return [...new Set([...Object.values(s.name), ...(this.translations?.codes ?? []).map((c) => this.name(code, c))])];
  }

  /** The service's description in the language (none: its name). */
  description(code: string, language: Language = 'en'): string {
    const s = this.byCode.get(code);
    if (!s) return code;
    // A language the catalog's descriptions do not cover reads the translated name rather than English prose.
    return (
      s.description?.[language] ??
      (language === 'en' || !this.translations?.own(language, `catalog.services.${code}`)
        ? (s.description?.en ?? s.name.en)
        : this.name(code, language))
    );
  }

  /** An attribute's question in the language. */
  attributeDescription(attribute: ServiceAttribute, language: Language = 'en'): string {
    return this.pick(attribute.description, language, `catalog.attributes.${attribute.code}`);
  }

  /** The name of one of an attribute's values in the language. */
  valueName(attribute: ServiceAttribute, value: { key: string; name: LocalizedText }, language: Language = 'en'): string {
    return this.pick(value.name, language, `catalog.values.${attribute.code}.${value.key}`);
  }

  private pick(own: LocalizedText, language: Language, key: string): string {
    return own[language] ?? this.translations?.own(language, key) ?? own.en;
  }
}

export const BUNDLED_CATALOG_PATH = [path.resolve(__dirname, 'boston.json'), path.resolve(__dirname, '../../../src/catalog/boston.json')].find((p) =>
  fs.existsSync(p),
) as string;

/** Loads and validates a catalog file; errors name the file and the field. `translations`: the enabled locales. */
export function loadCatalog(file: string = BUNDLED_CATALOG_PATH, translations?: Locales): Catalog {
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`catalog: cannot read ${file}: ${(err as Error).message}`);
  }
  const parsed = CatalogSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`catalog ${file}: ${issue.path.join('.')}: ${issue.message}`);
  }
  const seen = new Set<string>();
  for (const s of parsed.data.services) {
    if (seen.has(s.service_code)) throw new Error(`catalog ${file}: service_code "${s.service_code}" appears twice`);
    seen.add(s.service_code);
  }
  return new Catalog(parsed.data.city, parsed.data.services, parsed.data.default_service_code, translations);
}
