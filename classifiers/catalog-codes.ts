/**
 * Reads the service codes the classifier may suggest from a catalog file. Only the codes are needed,
 * so this reads the JSON directly instead of importing the core's catalog module (classifiers depend
 * only on the core's contracts).
 */
import * as fs from 'node:fs';

/** Service codes of a catalog file in catalog order (default: the bundled catalog). */
export function readCatalogCodes(catalogPath: string): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(catalogPath, 'utf8'));
  } catch (err) {
    throw new Error(`classifier: cannot read catalog ${catalogPath}: ${(err as Error).message}`);
  }
  const services = (parsed as { services?: unknown }).services;
  if (!Array.isArray(services)) throw new Error(`classifier: catalog ${catalogPath} has no "services" array`);
  return services.map((s, i) => {
    const code = (s as { service_code?: unknown }).service_code;
    if (typeof code !== 'string' || code === '') throw new Error(`classifier: catalog ${catalogPath}: service ${i} has no service_code`);
    return code;
  });
}
