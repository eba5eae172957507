import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Database } from '../../../src/storage/database';
import { freshPgDatabase } from '../../support/db';
import { open311App } from '../open311/support';
import { smsReport } from '../outbound/support/outbound-harness';
import { waitFor } from '../outbound/support/wait-for';
import { closureTexts, connectorsFile, deliveries, dropRedisPrefix, queuePrefix, startWorker, type Worker } from './support';

/**
 * Two intake311 instances: ours, with an Open311 connector, and a second one as the downstream work-order system,
 * answering with its own Open311 server. Both ends of the spec meet.
 */
describe.each([
  ['realtime', {}, false],
  ['batch (answers a token)', { OPEN311_SERVICE_TYPE: 'batch' }, true],
])('Open311 connector against a second intake311, %s', (_mode, env: Record<string, string>, answersToken: boolean) => {
  let db: Database & { schema: string };
  let prefix: string;
  let downstream: Awaited<ReturnType<typeof open311App>>;
  let server: Server;
  let remove: () => void;
  let us: Worker;

  beforeAll(async () => {
    downstream = await open311App({ OPEN311_JURISDICTION_ID: 'city.example', ...env });
    server = await new Promise<Server>((resolve) => {
      const s = downstream.app.listen(0, '127.0.0.1', () => resolve(s));
    });
    db = await freshPgDatabase();
    prefix = queuePrefix();
    const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/open311/v2`;
    const cfg = connectorsFile([
      { id: 'city', type: 'open311', endpoint, api_key: downstream.apiKey, jurisdiction_id: 'city.example', service_codes: '*' },
    ]);
    remove = cfg.remove;
    us = await startWorker(db, cfg.file, prefix);
  });
  afterAll(async () => {
    await us.stop();
    await new Promise<void>((r) => server.close(() => r()));
    await downstream.close();
    await db.close();
    await dropRedisPrefix(prefix);
    remove();
  });

  async function downstreamCases(): Promise<Array<{ service_request_id: string; service_code: string; description: string; status: string }>> {
    return (
      await downstream.ctx.db.query<{ service_request_id: string; service_code: string; description: string; status: string }>(
        'SELECT service_request_id, service_code, description, status FROM cases ORDER BY service_request_id',
      )
    ).rows;
  }

  it('files the case downstream once, even when sent again, and hears its close back with the note', async () => {
    const out = await us.ctx.intake.submit(smsReport('SM-two-1', '+15550004001', 'pothole at 12 Elm St'));
    const caseId = out.case!.service_request_id;
    const linked = async () =>
      (await db.query<{ external_id: string | null }>('SELECT external_id FROM connector_links WHERE case_id = $1', [caseId])).rows[0]?.external_id;
    await waitFor(async () => Boolean(await linked()), 10_000, 'the case to reach the other instance and its id to be known');
    const [theirs] = await downstreamCases();
    expect(theirs).toMatchObject({ service_code: 'pothole', description: 'pothole at 12 Elm St', status: 'open' });
    expect(await linked()).toBe(String(theirs.service_request_id));
    const { rows: tokens } = await db.query<{ token: string | null }>('SELECT token FROM connector_links WHERE case_id = $1', [caseId]);
    expect(tokens[0].token !== null).toBe(answersToken);

    // As if the answer had been lost: the same delivery goes out again, with the same Idempotency-Key.
    await db.query("UPDATE connector_deliveries SET status = 'pending' WHERE case_id = $1", [caseId]);
    await waitFor(async () => (await deliveries(db, caseId))[0]?.attempts === 2, 10_000, 'the repeat');
    expect(await downstreamCases()).toHaveLength(1);
    expect(await linked()).toBe(String(theirs.service_request_id));

    await us.ctx.cases.update(caseId, { service_code: 'streetlight' }, 'staff:alice');
    await waitFor(async () => (await deliveries(db, caseId))[1]?.status === 'sent', 10_000, 'the recategorisation update');
    const { rows: comments } = await downstream.ctx.db.query<{ data: { text: string } }>(
      "SELECT data FROM case_events WHERE case_id = $1 AND type = 'comment'",
      [Number(theirs.service_request_id)],
    );
    expect(comments.map((c) => c.data.text)).toEqual([expect.stringMatching(/Recategorised from pothole to streetlight/)]);

    await downstream.ctx.cases.update(
      Number(theirs.service_request_id),
      { status: 'closed', status_notes: 'Lamp replaced by the night crew' },
      'staff:bob',
    );
    await waitFor(async () => (await closureTexts(db, caseId)).length === 1, 10_000, 'our resident to hear of the close');
    expect((await closureTexts(db, caseId))[0]).toContain('Lamp replaced by the night crew');
  });
});
