import type { Catalog } from '../../src/channels/channel';
import type { Language } from '../../src/domain/classifier';
import { Open311Error } from './respond';

/** GET services: the catalog as the spec's service list. */
export function serviceList(catalog: Catalog, lang: Language, type: 'realtime' | 'batch') {
  return catalog.services.map((s) => ({
    service_code: s.service_code,
    service_name: catalog.name(s.service_code, lang),
    description: catalog.description(s.service_code, lang),
    metadata: s.attributes.length > 0,
    // realtime: a POST answers with the id; batch: with a token to exchange for it (OPEN311_SERVICE_TYPE).
    type,
    keywords: s.keywords.join(', '),
    group: s.group,
  }));
}

const DATATYPE_HINTS: Record<string, { en: string; es: string }> = {
  number: { en: 'A number', es: 'Un número' },
  datetime: { en: 'A date and time, e.g. 2026-01-31T14:00:00-05:00', es: 'Fecha y hora, p. ej. 2026-01-31T14:00:00-05:00' },
  singlevaluelist: { en: 'One of the keys listed', es: 'Una de las claves indicadas' },
  multivaluelist: { en: 'One or more of the keys listed', es: 'Una o más de las claves indicadas' },
};

/** GET services/{code}: the service's attributes, for clients to build their form. 404 when unknown. */
export function serviceDefinition(catalog: Catalog, code: string, lang: Language) {
  const s = catalog.get(code);
  if (!s) throw new Open311Error(404, `service_code "${code}" is not in the catalog; GET services for the list`);
  return {
    service_code: s.service_code,
    attributes: s.attributes.map((a, i) => ({
      variable: true,
      code: a.code,
      datatype: a.datatype,
      required: a.required,
      datatype_description: DATATYPE_HINTS[a.datatype]?.[lang === 'es' ? 'es' : 'en'] ?? null,
      order: i + 1,
      description: catalog.attributeDescription(a, lang),
      values: (a.values ?? []).map((v) => ({ key: v.key, name: catalog.valueName(a, v, lang) })),
    })),
  };
}
