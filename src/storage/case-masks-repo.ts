import { MASK_VERSION, maskCaseText } from '../domain/public-text';
import type { CaseRecord } from '../domain/types';
import type { Sql } from './database';

type TextRow = Pick<CaseRecord, 'service_request_id' | 'description' | 'public_description' | 'address'>;

/**
 * Stores the masked public text of these rows (src/domain/public-text.ts). Compare-and-set: a row whose text
 * changed since it was read keeps no mask (the trigger cleared it) and is masked on read until the next fill.
 * Leaves updated_at alone: masking is not a change to the case.
 */
async function store(sql: Sql, rows: TextRow[]): Promise<number> {
  if (!rows.length) return 0;
  const masked = rows.map(maskCaseText);
  const res = await sql.query(
    `UPDATE cases c SET masked_description = m.md, masked_address = m.ma, mask_version = $1
     FROM unnest($2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[]) AS m(id, d, pd, a, md, ma)
     WHERE c.service_request_id = m.id AND c.description = m.d AND c.public_description IS NOT DISTINCT FROM m.pd
       AND c.address IS NOT DISTINCT FROM m.a`,
    [
      MASK_VERSION,
      rows.map((r) => r.service_request_id),
      rows.map((r) => r.description),
      rows.map((r) => r.public_description ?? null),
      rows.map((r) => r.address),
      masked.map((m) => m.masked_description),
      masked.map((m) => m.masked_address),
    ],
  );
  return res.rowCount ?? 0;
}

/** Masks and stores the public text of one case just written (a staff edit, a corrected location). */
export async function storeCaseMasks(sql: Sql, c: TextRow): Promise<void> {
  await store(sql, [c]);
}

/**
 * The backfill: up to `limit` cases with no stored mask, newest first (the most read). Returns how many it read;
 * fewer than `limit` means none is left. Cases written before migration 020, and any whose mask an edit cleared,
 * are served correctly meanwhile (masked on read), only slower. Reads the partial index cases_mask_due, which
 * is empty in steady state because intake stores the mask with the case.
 */
export async function fillMissingMasks(sql: Sql, limit: number): Promise<number> {
  const { rows } = await sql.query<TextRow>(
    `SELECT service_request_id, description, public_description, address FROM cases
     WHERE mask_version IS NULL ORDER BY service_request_id DESC LIMIT $1`,
    [limit],
  );
  await store(sql, rows);
  return rows.length;
}
