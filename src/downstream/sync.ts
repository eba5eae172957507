import type { ConnectorConfig } from '../connectors-contract/config';
import type { Database } from '../storage/database';

/**
 * Mirrors CONNECTORS_PATH into the connectors table, which the delivery trigger reads. A connector removed from the
 * file is made inactive, not deleted: its deliveries and links stay for staff to see.
 */
export async function syncConnectors(db: Database, connectors: readonly ConnectorConfig[]): Promise<void> {
  await db.transaction(async (tx) => {
    for (const c of connectors) {
      await tx.query(
        `INSERT INTO connectors (id, type, service_codes, departments, active) VALUES ($1, $2, $3, $4, true)
         ON CONFLICT (id) DO UPDATE SET type = EXCLUDED.type, service_codes = EXCLUDED.service_codes, departments = EXCLUDED.departments,
           active = true, updated_at = now()`,
        [c.id, c.type, c.service_codes === '*' ? null : c.service_codes, c.departments],
      );
    }
    await tx.query('UPDATE connectors SET active = false, updated_at = now() WHERE active AND NOT (id = ANY($1::text[]))', [
      connectors.map((c) => c.id),
    ]);
  });
}
