import type { Open311ConnectorConfig } from '../../src/connectors-contract/config';
import type { DownstreamUpdate, LinkedCase, PullResult } from '../../src/connectors-contract/connector';
import { type Open311Client, str } from './client';

/** Cases asked about per request: keeps the URL well under common 8 KB limits. */
const BATCH = 50;

/**
 * Pulls status changes back, as FixMyStreet's fetch-updates does: `servicerequestupdates` where the server has it
 * (its updates since the cursor, for our cases), otherwise `requests.json?service_request_id=...` and a status
 * that differs from the one we last saw. In `auto` mode a server answering 404 to the first is asked the second way
 * from then on.
 */
export class Open311Puller {
  private mode: 'servicerequestupdates' | 'requests';

  constructor(
    private readonly client: Open311Client,
    config: Open311ConnectorConfig,
  ) {
    this.mode = config.updates === 'requests' ? 'requests' : 'servicerequestupdates';
    this.fallback = config.updates === 'auto';
  }

  private readonly fallback: boolean;

  async pull(cases: LinkedCase[], cursor: string | undefined): Promise<PullResult> {
    if (cases.length === 0) return { updates: [], cursor };
    if (this.mode === 'servicerequestupdates') {
      const result = await this.fromUpdates(cases, cursor);
      if (result) return result;
      if (!this.fallback) throw new Error('servicerequestupdates: the server answered 404; set "updates": "requests"');
      this.mode = 'requests';
    }
    return { updates: await this.fromRequests(cases), cursor };
  }

  private async fromUpdates(cases: LinkedCase[], cursor: string | undefined): Promise<PullResult | undefined> {
    const updates: DownstreamUpdate[] = [];
    let newest = cursor;
    const end = new Date().toISOString();
    for (let i = 0; i < cases.length; i += BATCH) {
      const ids = cases.slice(i, i + BATCH).map((c) => c.externalId);
      const query: Record<string, string> = { service_request_id: ids.join(','), end_date: end };
      if (cursor) query.start_date = cursor;
      const list = await this.client.get('servicerequestupdates.json', query);
      if (list === undefined) return undefined;
      for (const u of Array.isArray(list) ? list : []) {
        const updateId = str(u?.update_id);
        const externalId = str(u?.service_request_id);
        if (!updateId || !externalId || !ids.includes(externalId)) continue;
        const at = str(u.updated_datetime);
        if (at && (!newest || Date.parse(at) > Date.parse(newest))) newest = new Date(Date.parse(at)).toISOString();
        updates.push({ updateId, externalId, status: str(u.status)?.toLowerCase(), note: str(u.description) });
      }
    }
    return { updates, cursor: newest };
  }

  private async fromRequests(cases: LinkedCase[]): Promise<DownstreamUpdate[]> {
    const updates: DownstreamUpdate[] = [];
    for (let i = 0; i < cases.length; i += BATCH) {
      const batch = cases.slice(i, i + BATCH);
      const list = await this.client.get('requests.json', { service_request_id: batch.map((c) => c.externalId).join(',') });
      for (const r of Array.isArray(list) ? list : []) {
        const externalId = str(r?.service_request_id);
        const status = str(r?.status)?.toLowerCase();
        const known = batch.find((c) => c.externalId === externalId);
        if (!known || !status || status === known.lastStatus) continue;
        const at = str(r.updated_datetime) ?? '';
        updates.push({ updateId: `${externalId}:${status}:${at}`, externalId, status, note: str(r.status_notes) });
      }
    }
    return updates;
  }
}
