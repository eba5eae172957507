import { BUNDLED_CATALOG_PATH, loadCatalog } from '../catalog/catalog';

/**
 * `catalog validate [FILE]`: checks a city's catalog the way start-up does (schema, unique codes, the default code),
 * plus what start-up tolerates but residents would notice, and prints a summary. Exit 0 valid, 1 not.
 * FILE defaults to CATALOG_PATH, then the bundled catalog.
 */
export function catalogCommand(args: string[], out: (line: string) => void, env: NodeJS.ProcessEnv = process.env): number {
  if (args[0] !== 'validate') {
    process.stderr.write('usage: intake311 catalog validate [FILE]\n');
    return 2;
  }
  const file = args[1] ?? env.CATALOG_PATH ?? BUNDLED_CATALOG_PATH;
  let catalog: ReturnType<typeof loadCatalog>;
  try {
    catalog = loadCatalog(file);
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`);
    return 1;
  }
  const warnings: string[] = [];
  for (const s of catalog.services) {
    if (s.keywords.length === 0) warnings.push(`${s.service_code}: no keywords (residents' words for it help the classifier's advice)`);
    for (const a of s.attributes) {
      if ((a.datatype === 'singlevaluelist' || a.datatype === 'multivaluelist') && !a.values?.length) {
        warnings.push(`${s.service_code}.${a.code}: a ${a.datatype} without values cannot be answered`);
      }
    }
  }
  for (const w of warnings) out(`warning: ${w}`);
  out(`${file}: valid; ${catalog.services.length} services for "${catalog.city}", default ${catalog.defaultServiceCode}`);
  return 0;
}
