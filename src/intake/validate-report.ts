import type { Catalog } from '../catalog/catalog';
import { cleanDeep, cleanText } from '../domain/clean-text';
import { nonPublicUrlReason } from '../domain/public-url';
import { type InboundReport, MAX_DESCRIPTION } from '../domain/types';
import { InputError } from '../errors';

/**
 * Removes, in place, the characters XML 1.0 and PostgreSQL refuse from everything a report stores and
 * publishes. Channels clean at their edge too; this is the core's guarantee for any channel.
 */
function cleanReport(report: InboundReport): void {
  report.text = cleanText(report.text);
  if (report.address !== undefined) report.address = cleanText(report.address);
  report.reporter = cleanDeep(report.reporter);
  if (report.attributes) report.attributes = cleanDeep(report.attributes);
  if (report.details) report.details = cleanDeep(report.details);
  report.raw = cleanDeep(report.raw);
}

/**
 * Rejects a report a channel built wrongly, naming the field; nothing is stored. Text fields are
 * cleaned of characters XML and PostgreSQL refuse first (in place), so one stray control character
 * can neither break the public feeds nor make the insert fail.
 */
export function validateReport(report: InboundReport, catalog: Catalog): void {
  const where = report.channel;
  cleanReport(report);
  if (report.text.length > MAX_DESCRIPTION) {
    throw new InputError(`${where}: description is ${report.text.length} characters; the limit is ${MAX_DESCRIPTION}`, 'description');
  }
  if (report.serviceCode !== undefined && !catalog.has(report.serviceCode)) {
    throw new InputError(`${where}: service_code "${cleanText(report.serviceCode)}" is not in the catalog`, 'service_code');
  }
  if (report.location) {
    const { lat, lon } = report.location;
    if (!Number.isFinite(lat) || lat < -90 || lat > 90) throw new InputError(`${where}: lat must be between -90 and 90`, 'lat');
    if (!Number.isFinite(lon) || lon < -180 || lon > 180) throw new InputError(`${where}: long must be between -180 and 180`, 'long');
  }
  for (const m of report.media) {
    const problem = nonPublicUrlReason(m.url);
    if (problem) throw new InputError(`${where}: media_url ${problem}`, 'media_url');
  }
}
