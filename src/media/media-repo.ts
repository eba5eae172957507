import type { Sql } from '../storage/database';

/** One media row: the durable record of a photo and of its ingest job. */
export interface MediaItem {
  id: number;
  case_id: number;
  kind: 'report' | 'closure';
  position: number;
  channel: string;
  source_url: string | null;
  declared_type: string | null;
  status: 'pending' | 'processing' | 'ready' | 'refused' | 'failed' | 'deleted';
  reason: string | null;
  hidden: boolean;
  jobs: number;
  content_type: string | null;
  bytes: number | null;
  width: number | null;
  height: number | null;
  sha256: string | null;
  stored: { keys?: string[] };
  gps_lat: number | null;
  gps_lon: number | null;
  original_deleted_at: Date | null;
  processed_at: Date | null;
  created_at: Date;
}

const COLUMNS = `id::int AS id, case_id::int AS case_id, kind, position, channel, source_url, declared_type, status, reason, hidden, jobs,
  content_type, bytes, width, height, sha256, stored, gps_lat, gps_lon, original_deleted_at, processed_at, created_at`;

export async function getMediaItem(sql: Sql, id: number): Promise<MediaItem | undefined> {
  return (await sql.query<MediaItem>(`SELECT ${COLUMNS} FROM media_items WHERE id = $1`, [id])).rows[0];
}

export async function listCaseMedia(sql: Sql, caseId: number): Promise<MediaItem[]> {
  return (await sql.query<MediaItem>(`SELECT ${COLUMNS} FROM media_items WHERE case_id = $1 ORDER BY kind DESC, position`, [caseId])).rows;
}

/**
 * Marks for queueing the rows that need a job: new ones at once, and those whose last job is older than `staleMs`
 * (a job lost with Redis, a worker that died holding the row). Returns each id with its job count, which names the job.
 */
export async function markDue(sql: Sql, staleMs: number, maxJobs: number): Promise<{ id: number; jobs: number }[]> {
  const { rows } = await sql.query<{ id: number; jobs: number }>(
    `UPDATE media_items SET queued_at = now(), jobs = jobs + 1, updated_at = now()
     WHERE id IN (
       SELECT id FROM media_items
       WHERE status IN ('pending', 'processing') AND jobs < $2
         AND (queued_at IS NULL OR (GREATEST(queued_at, COALESCE(claimed_at, queued_at)) < now() - $1 * interval '1 millisecond'))
       ORDER BY id LIMIT 100 FOR UPDATE SKIP LOCKED)
     RETURNING id::int AS id, jobs`,
    [staleMs, maxJobs],
  );
  return rows;
}

/** Rows that had every job they get and are still not settled: failed, with the reason staff see. */
export async function abandon(sql: Sql, staleMs: number, maxJobs: number): Promise<number> {
  const { rowCount } = await sql.query(
    `UPDATE media_items SET status = 'failed', reason = COALESCE(reason, 'not processed') || ' (gave up after ' || jobs || ' tries)', updated_at = now()
     WHERE status IN ('pending', 'processing') AND jobs >= $2
       AND GREATEST(queued_at, COALESCE(claimed_at, queued_at)) < now() - $1 * interval '1 millisecond'`,
    [staleMs, maxJobs],
  );
  return rowCount;
}

/**
 * Takes a row for processing: a pending one, or one a worker took longer than `staleMs` ago and never finished
 * (it died mid-download). Undefined when it is done, or another worker is on it now.
 */
export async function claimMediaItem(sql: Sql, id: number, staleMs: number): Promise<MediaItem | undefined> {
  const { rows } = await sql.query<MediaItem>(
    `UPDATE media_items SET status = 'processing', claimed_at = now(), updated_at = now()
     WHERE id = $1 AND (status = 'pending' OR (status = 'processing' AND claimed_at < now() - $2 * interval '1 millisecond'))
     RETURNING ${COLUMNS}`,
    [id, staleMs],
  );
  return rows[0];
}

/** A passing failure: the row goes back to pending for the job's retry, with the last error for staff. */
export async function releaseMediaItem(sql: Sql, id: number, reason: string): Promise<void> {
  await sql.query(`UPDATE media_items SET status = 'pending', reason = $2, updated_at = now() WHERE id = $1 AND status = 'processing'`, [id, reason]);
}

export async function refuseMediaItem(sql: Sql, id: number, reason: string): Promise<void> {
  await sql.query(
    `UPDATE media_items SET status = 'refused', reason = $2, processed_at = now(), updated_at = now() WHERE id = $1 AND status IN ('pending', 'processing')`,
    [id, reason],
  );
}

export interface ReadyFields {
  content_type: string;
  bytes: number;
  width: number;
  height: number;
  sha256: string;
  keys: string[];
  gps?: { lat: number; lon: number };
}

/** Settles a processed row; false when it was already settled (another worker finished it first). */
export async function readyMediaItem(sql: Sql, id: number, f: ReadyFields): Promise<boolean> {
  const { rowCount } = await sql.query(
    `UPDATE media_items SET status = 'ready', reason = NULL, content_type = $2, bytes = $3, width = $4, height = $5, sha256 = $6,
       stored = jsonb_build_object('keys', $7::jsonb), gps_lat = $8, gps_lon = $9, processed_at = now(), updated_at = now()
     WHERE id = $1 AND status IN ('pending', 'processing')`,
    [id, f.content_type, f.bytes, f.width, f.height, f.sha256, JSON.stringify(f.keys), f.gps?.lat ?? null, f.gps?.lon ?? null],
  );
  return rowCount === 1;
}

/** A closure photo uploaded by staff: its row, written before it is processed (the id names its files). */
export async function insertClosureItem(sql: Sql, caseId: number): Promise<number> {
  const { rows } = await sql.query<{ id: number }>(
    `INSERT INTO media_items (case_id, kind, position, channel, status, claimed_at)
     SELECT $1, 'closure', COALESCE(max(position), -1) + 1, 'staff', 'processing', now() FROM media_items WHERE case_id = $1 AND kind = 'closure'
     RETURNING id::int AS id`,
    [caseId],
  );
  return rows[0].id;
}

export async function setSourceUrl(sql: Sql, id: number, url: string): Promise<void> {
  await sql.query('UPDATE media_items SET source_url = $2 WHERE id = $1', [id, url]);
}

export async function setHidden(sql: Sql, id: number, hidden: boolean): Promise<MediaItem | undefined> {
  const { rows } = await sql.query<MediaItem>(`UPDATE media_items SET hidden = $2, updated_at = now() WHERE id = $1 RETURNING ${COLUMNS}`, [
    id,
    hidden,
  ]);
  return rows[0];
}

export async function markDeleted(sql: Sql, id: number): Promise<void> {
  await sql.query(`UPDATE media_items SET status = 'deleted', stored = '{}', gps_lat = NULL, gps_lon = NULL, updated_at = now() WHERE id = $1`, [id]);
}

/** Ready rows whose original is past its retention. */
export async function originalsDue(sql: Sql, days: number, limit = 200): Promise<MediaItem[]> {
  return (
    await sql.query<MediaItem>(
      `SELECT ${COLUMNS} FROM media_items WHERE status = 'ready' AND original_deleted_at IS NULL AND processed_at < now() - $1 * interval '1 day' ORDER BY id LIMIT $2`,
      [days, limit],
    )
  ).rows;
}

export async function markOriginalDeleted(sql: Sql, id: number, keys: string[]): Promise<void> {
  await sql.query(`UPDATE media_items SET original_deleted_at = now(), stored = jsonb_build_object('keys', $2::jsonb) WHERE id = $1`, [
    id,
    JSON.stringify(keys),
  ]);
}

/** Whether the case a photo belongs to is public (a private case's photos are never served to the public). */
export async function caseIsPublic(sql: Sql, caseId: number): Promise<boolean> {
  const { rows } = await sql.query<{ public: boolean }>('SELECT public FROM cases WHERE service_request_id = $1', [caseId]);
  return rows[0]?.public === true;
}

/** Which of these uploads (`upload:<file>` sources) a photo still waiting to be processed will read. */
export async function uploadsAwaited(sql: Sql, files: string[]): Promise<Set<string>> {
  if (!files.length) return new Set();
  const { rows } = await sql.query<{ source_url: string }>(
    "SELECT source_url FROM media_items WHERE source_url = ANY($1::text[]) AND status IN ('pending', 'processing')",
    [files.map((f) => `upload:${f}`)],
  );
  return new Set(rows.map((r) => r.source_url.slice('upload:'.length)));
}
