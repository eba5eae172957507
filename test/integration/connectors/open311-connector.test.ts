import type { Database } from '../../../src/storage/database';
import { Open311Downstream } from '../../fakes/open311-downstream';
import { freshPgDatabase } from '../../support/db';
import { smsReport } from '../outbound/support/outbound-harness';
import { waitFor } from '../outbound/support/wait-for';
import { closureTexts, connectorsFile, deliveries, dropRedisPrefix, queuePrefix, startWorker, type Worker } from './support';

/** The Open311 client connector against a fake city CRM, on PostgreSQL and Redis. */
describe('Open311 connector', () => {
  let db: Database & { schema: string };
  let prefix: string;
  let downstream: Open311Downstream;
  const cleanups: Array<() => Promise<void> | void> = [];

  beforeEach(async () => {
    db = await freshPgDatabase();
    prefix = queuePrefix();
  });
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
    await downstream?.stop();
    await db.close();
    await dropRedisPrefix(prefix);
  });

  async function setUp(options: ConstructorParameters<typeof Open311Downstream>[0] = {}, extra: object = {}): Promise<{ file: string }> {
    downstream = await new Open311Downstream(options).start();
    const cfg = connectorsFile([
      {
        id: 'crm',
        type: 'open311',
        endpoint: downstream.url,
        api_key: downstream.apiKey,
        jurisdiction_id: 'city.example',
        service_codes: ['pothole', 'streetlight'],
        code_map: { pothole: 'PWD-POT' },
        status_map: { closed: 'closed', in_progress: 'in_progress' },
        timeout_ms: 1500,
        ...extra,
      },
    ]);
    cleanups.push(cfg.remove);
    return cfg;
  }

  async function worker(file: string): Promise<Worker> {
    const w = await startWorker(db, file, prefix);
    cleanups.push(w.stop);
    return w;
  }

  it('reaches the downstream exactly once across a downstream 500 and then a worker killed mid-send', async () => {
    const { file } = await setUp({ failFirst: 1 });
    const first = await worker(file);
    const held = downstream.holdNextAnswer();
    const out = await first.ctx.intake.submit(smsReport('SM-c1', '+15550003001', 'pothole at 12 Elm St'));
    const caseId = out.case!.service_request_id;
    await held.entered;
    // The downstream has the request; the worker dies before hearing so.
    await first.queue.kill();
    await worker(file);
    await waitFor(async () => (await deliveries(db, caseId))[0]?.status === 'sent', 15_000, 'the stalled delivery to be taken over');
    expect(downstream.requests).toHaveLength(1);
    // The 500, the answer the dead worker never heard, and the resend the downstream recognised.
    expect(downstream.posts).toBe(3);
    const [d] = await deliveries(db, caseId);
    expect(d).toMatchObject({ connector_id: 'crm', kind: 'opened', status: 'sent', external_id: downstream.requests[0].id });
    const form = downstream.requests[0].form;
    expect(form).toMatchObject({ service_code: 'PWD-POT', jurisdiction_id: 'city.example', description: 'pothole at 12 Elm St' });
    held.release();
  });

  it('retries a downstream 500 and lands one request; a code outside service_codes gets no delivery', async () => {
    const { file } = await setUp({ failFirst: 1 });
    const w = await worker(file);
    const pothole = await w.ctx.intake.submit(smsReport('SM-c2', '+15550003002', 'pothole outside 40 Oak St'));
    const graffiti = await w.ctx.intake.submit(smsReport('SM-c3', '+15550003003', 'graffiti on 9 Pine St'));
    const caseId = pothole.case!.service_request_id;
    await waitFor(async () => (await deliveries(db, caseId))[0]?.status === 'sent', 10_000, 'delivery after the 500');
    expect(downstream.requests).toHaveLength(1);
    expect((await deliveries(db, caseId))[0]).toMatchObject({ attempts: 2, last_error: null });
    expect(await deliveries(db, graffiti.case!.service_request_id)).toEqual([]);
  });

  it('delivers a recategorisation as an update, and a downstream close sends the resident the closure with its note', async () => {
    const { file } = await setUp();
    const w = await worker(file);
    const out = await w.ctx.intake.submit(smsReport('SM-c4', '+15550003004', 'pothole by 3 Birch Rd'));
    const caseId = out.case!.service_request_id;
    await waitFor(async () => (await deliveries(db, caseId))[0]?.status === 'sent', 10_000, 'the case to reach the CRM');
    await w.ctx.cases.update(caseId, { service_code: 'streetlight' }, 'staff:alice');
    await waitFor(() => downstream.updatesReceived.length === 1, 10_000, 'the recategorisation update');
    expect(downstream.updatesReceived[0]).toMatchObject({ service_request_id: downstream.requests[0].id });
    expect(String(downstream.updatesReceived[0].description)).toMatch(/Recategorised from pothole to streetlight/);
    expect(downstream.requests).toHaveLength(1);

    downstream.setStatus(downstream.requests[0].id, 'closed', 'Crew replaced the lamp on Tuesday');
    await waitFor(async () => (await closureTexts(db, caseId)).length === 1, 10_000, 'the closure text');
    expect((await closureTexts(db, caseId))[0]).toContain('Crew replaced the lamp on Tuesday');
    const { rows } = await db.query<{ status: string; status_notes: string }>(
      'SELECT status, status_notes FROM cases WHERE service_request_id = $1',
      [caseId],
    );
    expect(rows[0]).toEqual({ status: 'closed', status_notes: 'Crew replaced the lamp on Tuesday' });
    // The CRM closed it: it is not told of its own close.
    expect((await deliveries(db, caseId)).map((d) => d.kind)).toEqual(['opened', 'updated']);
  });

  it('resolves a token answer to the request id later, holding updates until then, and pulls via requests.json', async () => {
    const { file } = await setUp({ answer: 'token', updatesEndpoint: false });
    const w = await worker(file);
    const out = await w.ctx.intake.submit(smsReport('SM-c5', '+15550003005', 'pothole near 8 Cedar Ave'));
    const caseId = out.case!.service_request_id;
    await waitFor(async () => (await deliveries(db, caseId))[0]?.status === 'sent', 10_000, 'the token answer');
    const link = async () =>
      (
        await db.query<{ external_id: string | null; token: string | null }>('SELECT external_id, token FROM connector_links WHERE case_id = $1', [
          caseId,
        ])
      ).rows[0];
    expect(await link()).toEqual({ external_id: null, token: downstream.requests[0].token });
    await w.ctx.cases.update(caseId, { service_code: 'streetlight' }, 'staff:alice');
    await new Promise((r) => setTimeout(r, 400));
    expect(downstream.updatesReceived).toHaveLength(0);
    expect((await deliveries(db, caseId))[1].last_error).toMatch(/waiting for the downstream to turn token/);

    downstream.releaseTokens();
    await waitFor(async () => (await link()).external_id === downstream.requests[0].id, 10_000, 'the token to resolve');
    await waitFor(() => downstream.updatesReceived.length === 1, 10_000, 'the held update');
    downstream.setStatus(downstream.requests[0].id, 'closed', 'Done');
    await waitFor(async () => (await closureTexts(db, caseId)).length === 1, 10_000, 'the closure via requests.json');
  });

  it("passes on another resident's report of the same problem, and words filled in later, as updates of the request", async () => {
    const { file } = await setUp();
    const w = await worker(file);
    const at = { location: { lat: 42.35, lon: -71.06 } };
    const first = await w.ctx.intake.submit(smsReport('SM-c7', '+15550003007', 'pothole at 20 Elm St', at));
    const caseId = first.case!.service_request_id;
    await waitFor(async () => (await deliveries(db, caseId))[0]?.status === 'sent', 10_000, 'the case to reach the CRM');
    const second = await w.ctx.intake.submit(
      smsReport('SM-c8', '+15550003008', 'pothole at 20 Elm St is deep', { location: { lat: 42.3501, lon: -71.0601 } }),
    );
    expect(second.kind).toBe('linked');
    await waitFor(() => downstream.updatesReceived.length === 1, 10_000, 'the update');
    expect(downstream.updatesReceived[0]).toMatchObject({ service_request_id: downstream.requests[0].id });
    expect(String(downstream.updatesReceived[0].description)).toMatch(/^Another resident reported the same problem: pothole at 20 Elm St is deep/);
    expect(downstream.requests).toHaveLength(1);

    // A call's transcript arriving after the case was filed amends its words: the CRM hears of it too.
    await w.ctx.cases.amend(caseId, { description: 'deep pothole at 20 Elm St, a car lost a hubcap' }, 'system');
    await waitFor(() => downstream.updatesReceived.length === 2, 10_000, 'the amended description');
    expect(downstream.updatesReceived[1].description).toBe('Description filled in: deep pothole at 20 Elm St, a car lost a hubcap');
  });

  it("dead-letters a refused request at once, with the downstream's reason", async () => {
    const { file } = await setUp({}, { api_key: 'wrong-key' });
    const w = await worker(file);
    const out = await w.ctx.intake.submit(smsReport('SM-c6', '+15550003006', 'pothole at 1 Main St'));
    const caseId = out.case!.service_request_id;
    await waitFor(async () => (await deliveries(db, caseId))[0]?.status === 'dead', 10_000, 'the dead letter');
    expect((await deliveries(db, caseId))[0]).toMatchObject({ attempts: 1, last_error: expect.stringMatching(/HTTP 403: api_key is not valid/) });
    expect(downstream.requests).toHaveLength(0);
  });
});
