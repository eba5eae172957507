import { MASK_VERSION, publicCaseText } from '../domain/public-text';
import type { CasePhoto, CaseRecord, PublicCase } from '../domain/types';
import { type CaseFilter, caseFilterSql } from './cases-repo';
import type { Sql } from './database';

/**
 * What Open311 reads of a case, and nothing more (issue 24). A page of 1,000 read with `SELECT *` spent most of its
 * time outside the database: the driver parsed every column (the reporter, the classification, the attributes, six
 * dates) into objects that the view then dropped, and the garbage collector cleared them. Here the database sends the
 * public columns only, the dates already in the W3C form the view prints, and the raw description only when the
 * stored mask cannot be served (made by older masking rules, or not yet made), so the masking code runs for those
 * rows alone.
 */
const W3C = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;
/** The condition publicCaseText serves the stored mask on; only where it fails are the raw texts needed. */
const MASK_STORED = `(mask_version = ${MASK_VERSION} AND masked_description IS NOT NULL AND (address IS NULL OR masked_address IS NOT NULL))`;
const COLUMNS = `service_request_id, public, status, status_notes, service_code, department, lat, lon, duplicate_of, closure_media_url,
  ${W3C('created_at')} AS created_at, ${W3C('updated_at')} AS updated_at, ${W3C('closed_at')} AS closed_at,
  CASE WHEN jsonb_typeof(details->'open311_address_id') = 'string' THEN details->>'open311_address_id' END AS address_id,
  address, masked_description, masked_address, mask_version,
  CASE WHEN ${MASK_STORED} THEN NULL ELSE description END AS description,
  CASE WHEN ${MASK_STORED} THEN NULL ELSE public_description END AS public_description`;

type Row = Omit<PublicCase, 'description' | 'address' | 'photos'> &
  Pick<CaseRecord, 'address' | 'masked_description' | 'masked_address' | 'mask_version' | 'public_description'> & {
    description: string | null;
    closure_media_url: string | null;
  };

/**
 * The public photos of a page of cases in one statement, by case. It was a function call per case (case_photos):
 * a thousand index lookups from a thousand calls. Which photos the public may see is photo_is_public's rule
 * (migrations/repeatable/media.sql), the one case_photos asks too.
 */
async function photosOf(sql: Sql, rows: readonly Row[]): Promise<Map<number, CasePhoto[]>> {
  const byCase = new Map<number, CasePhoto[]>();
  if (!rows.length) return byCase;
  const { rows: photos } = await sql.query<{ case_id: number; id: number; kind: CasePhoto['kind'] }>(
    `SELECT m.case_id, m.id, m.kind FROM media_items m
     JOIN unnest($1::bigint[], $2::text[]) AS p(case_id, closure_url) ON m.case_id = p.case_id
     WHERE photo_is_public(m, p.closure_url)
     ORDER BY m.case_id, m.kind DESC, m.position`,
    [rows.map((r) => r.service_request_id), rows.map((r) => r.closure_media_url)],
  );
  for (const p of photos) {
    const list = byCase.get(Number(p.case_id)) ?? [];
    list.push({ id: Number(p.id), kind: p.kind });
    byCase.set(Number(p.case_id), list);
  }
  return byCase;
}

async function toPublic(sql: Sql, rows: Row[]): Promise<PublicCase[]> {
  const photos = await photosOf(sql, rows);
  // Field by field: what is not named here never reaches a public output.
  return rows.map((r) => {
    const text = publicCaseText({ ...r, description: r.description ?? '' });
    return {
      service_request_id: r.service_request_id,
      public: r.public,
      status: r.status,
      status_notes: r.status_notes,
      service_code: r.service_code,
      department: r.department,
      description: text.masked_description,
      address: text.masked_address,
      address_id: r.address_id,
      lat: r.lat,
      lon: r.lon,
      duplicate_of: r.duplicate_of,
      created_at: r.created_at,
      updated_at: r.updated_at,
      closed_at: r.closed_at,
      photos: photos.get(r.service_request_id) ?? [],
    };
  });
}

/**
 * Cases matching an Open311 filter, newest first by `requested_datetime`, as public outputs show them.
 *
 * In the order of the date every Open311 query filters on (issue 24): a query always has a window (90 days unless
 * the client gives one), and in date order an index on the date, or on a category and the date, returns the window
 * newest first and the page stops after its rows. In tracking-number order, the order of intake and nearly the same,
 * PostgreSQL cannot know the two agree, so a week a year ago read every case of the week and sorted them (6,400 at
 * a million cases for a page of 1,000), and open cases of one category were collected from two indexes and sorted
 * (30 ms). The tracking number orders cases created in the same instant.
 */
export async function listPublicCases(sql: Sql, f: CaseFilter): Promise<PublicCase[]> {
  const { where, params } = caseFilterSql(f);
  params.push(f.limit, f.offset ?? 0);
  // `cases.created_at`, the column: a bare `created_at` would be the W3C text COLUMNS selects, which no index orders.
  const { rows } = await sql.query<Row>(
    `SELECT ${COLUMNS} FROM cases ${where} ORDER BY cases.created_at DESC, service_request_id DESC LIMIT $${params.length - 1} OFFSET $${params.length}`,
    params,
  );
  return toPublic(sql, rows);
}

/** One case as public outputs show it, public or not (`public` says; the caller decides what to disclose). */
export async function getPublicCase(sql: Sql, id: number): Promise<PublicCase | undefined> {
  if (!Number.isSafeInteger(id) || id <= 0) return undefined;
  const { rows } = await sql.query<Row>(`SELECT ${COLUMNS} FROM cases WHERE service_request_id = $1`, [id]);
  return (await toPublic(sql, rows))[0];
}
