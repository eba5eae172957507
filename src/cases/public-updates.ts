import type { PublicCaseUpdate, PublicUpdatesQuery } from '../channels/port';
import { maskPersonalData } from '../domain/mask';
import type { CaseStatus } from '../domain/types';
import type { Sql } from '../storage/database';
import { listPublicHistory } from '../storage/events-repo';

const UPDATE_TYPES: readonly PublicCaseUpdate['kind'][] = ['status_changed', 'closed', 'reopened', 'merged', 'status_notes', 'closure_media', 'note'];

/** The status a case had after its newest status-setting event (`type:to`), as listPublicHistory reports it. */
function statusAfter(lastStatus: string | null): CaseStatus {
  const [type, to] = (lastStatus ?? 'opened:').split(':');
  if (type === 'closed' || type === 'merged') return 'closed';
  if (type === 'status_changed' && (to === 'in_progress' || to === 'closed')) return to;
  return 'open';
}

function words(data: Record<string, unknown>): string {
  const v = data.text ?? data.status_notes;
  return typeof v === 'string' ? maskPersonalData(v) : '';
}

/** The public history of public cases: each public change with the status after it, its words masked. */
export async function publicUpdates(sql: Sql, query: PublicUpdatesQuery): Promise<PublicCaseUpdate[]> {
  const rows = await listPublicHistory(sql, { ...query, types: UPDATE_TYPES });
  const shown = await visibleOwnPhotos(
    sql,
    rows.map((r) => r.event.data.closure_media_url).filter((u): u is string => typeof u === 'string'),
  );
  return rows.map(({ event: e, last_status }) => {
    const media = e.data.closure_media_url;
    return {
      id: Number(e.id),
      caseId: Number(e.case_id),
      kind: e.type as PublicCaseUpdate['kind'],
      status: statusAfter(last_status),
      description: words(e.data),
      mediaUrl: typeof media === 'string' && shown.has(media) ? media : null,
      duplicateOf: e.type === 'merged' && e.data.into !== undefined ? Number(e.data.into) : null,
      at: new Date(e.created_at),
    };
  });
}

/**
 * Of the closure photo URLs in events, those that are our own processed copies (uploaded through the staff API) and
 * still visible. A URL staff typed is never published: its processed copy is shown on the case instead.
 */
async function visibleOwnPhotos(sql: Sql, urls: string[]): Promise<Set<string>> {
  if (!urls.length) return new Set();
  const { rows } = await sql.query<{ source_url: string }>(
    `SELECT source_url FROM media_items WHERE source_url = ANY($1::text[]) AND kind = 'closure' AND status = 'ready' AND NOT hidden
       AND source_url LIKE '%/media/' || id || '/display'`,
    [[...new Set(urls)]],
  );
  return new Set(rows.map((r) => r.source_url));
}
