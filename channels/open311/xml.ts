import { esc } from '../../src/channels/web';

// `esc` also drops the characters XML 1.0 cannot carry (src/domain/clean-text.ts), so one stored U+0001 cannot break a document.

/** GeoReport v2 names each list's items: `<services><service>`, `<service_requests><request>`... */
const ITEM_NAMES: Record<string, string> = {
  services: 'service',
  attributes: 'attribute',
  values: 'value',
  service_requests: 'request',
  errors: 'error',
  endpoints: 'endpoint',
  formats: 'format',
  service_requests_updates: 'request_update',
  service_request_updates: 'request_update',
  updates: 'request_update',
  media_urls: 'media_url',
};

function element(name: string, value: unknown, indent: string): string {
  if (value === null || value === undefined || value === '') return `${indent}<${name}/>`;
  if (Array.isArray(value)) {
    const item = ITEM_NAMES[name];
    if (!item) throw new Error(`open311 xml: no item element name for list "${name}"`);
    if (!value.length) return `${indent}<${name}/>`;
    return `${indent}<${name}>\n${value.map((v) => element(item, v, `${indent}  `)).join('\n')}\n${indent}</${name}>`;
  }
  if (typeof value === 'object' && !(value instanceof Date)) {
    const children = Object.entries(value as Record<string, unknown>).map(([k, v]) => element(k, v, `${indent}  `));
    return `${indent}<${name}>\n${children.join('\n')}\n${indent}</${name}>`;
  }
  return `${indent}<${name}>${esc(value instanceof Date ? value.toISOString() : value)}</${name}>`;
}

/** Serializes a GeoReport document: `root` names the top element (a list root names its items too). */
export function toXml(root: string, value: unknown): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${element(root, value, '')}\n`;
}
