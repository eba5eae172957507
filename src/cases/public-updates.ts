import type { PublicCaseUpdate, PublicUpdatesQuery } from '../channels/port';
import { maskPersonalData } from '../domain/mask';
import { isPublicUrl } from '../domain/public-url';
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
  return rows.map(({ event: e, last_status }) => {
    const media = e.data.closure_media_url;
    return {
      id: Number(e.id),
      caseId: Number(e.case_id),
      kind: e.type as PublicCaseUpdate['kind'],
      status: statusAfter(last_status),
      description: words(e.data),
      mediaUrl: typeof media === 'string' && isPublicUrl(media) ? media : null,
      duplicateOf: e.type === 'merged' && e.data.into !== undefined ? Number(e.data.into) : null,
      at: new Date(e.created_at),
    };
  });
}
