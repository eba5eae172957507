import type { Catalog } from '../catalog/catalog';
import { MAX_DESCRIPTION, type InboundReport } from '../domain/types';
import { InputError } from '../errors';

/** Rejects a report a channel built wrongly, naming the field; nothing is stored. */
export function validateReport(report: InboundReport, catalog: Catalog): void {
  const where = report.channel;
  if (report.text.length > MAX_DESCRIPTION) {
    throw new InputError(`${where}: description is ${report.text.length} characters; the limit is ${MAX_DESCRIPTION}`, 'description');
  }
  if (report.serviceCode !== undefined && !catalog.has(report.serviceCode)) {
    throw new InputError(`${where}: service_code "${report.serviceCode}" is not in the catalog`, 'service_code');
  }
  if (report.location) {
    const { lat, lon } = report.location;
    if (!Number.isFinite(lat) || lat < -90 || lat > 90) throw new InputError(`${where}: lat must be between -90 and 90`, 'lat');
    if (!Number.isFinite(lon) || lon < -180 || lon > 180) throw new InputError(`${where}: long must be between -180 and 180`, 'long');
  }
  for (const m of report.media) {
    if (!/^https?:\/\//i.test(m.url)) throw new InputError(`${where}: media_url must be an http(s) URL`, 'media_url');
  }
}
