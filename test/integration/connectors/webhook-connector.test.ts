import crypto from 'node:crypto';
import request from 'supertest';
import { createApp } from '../../../src/http/app';
import type { Database } from '../../../src/storage/database';
import { createToken } from '../../../src/storage/tokens-repo';
import { WebhookReceiver } from '../../fakes/webhook-receiver';
import { freshPgDatabase } from '../../support/db';
import { smsReport } from '../outbound/support/outbound-harness';
import { waitFor } from '../outbound/support/wait-for';
import { closureTexts, connectorsFile, deliveries, dropRedisPrefix, queuePrefix, startWorker, type Worker } from './support';

const SECRET = 'a-webhook-secret-of-some-length';

function signed(body: string, secret = SECRET, t = Math.floor(Date.now() / 1000)): string {
  return `t=${t},v1=${crypto.createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')}`;
}

/** The signed webhook connector: events out, status changes in, dead letters staff can resend. */
describe('webhook connector', () => {
  let db: Database & { schema: string };
  let prefix: string;
  let receiver: WebhookReceiver;
  let w: Worker;
  let remove: () => void;
  let staffToken: string;

  beforeEach(async () => {
    db = await freshPgDatabase();
    prefix = queuePrefix();
    receiver = await new WebhookReceiver(SECRET).start();
    const cfg = connectorsFile([{ id: 'hook', type: 'webhook', url: receiver.url, secret: SECRET, service_codes: '*', attempts: 3 }]);
    remove = cfg.remove;
    w = await startWorker(db, cfg.file, prefix);
    staffToken = await createToken(db, 'dispatch', 'staff');
  });
  afterEach(async () => {
    await w.stop();
    await receiver.stop();
    await db.close();
    await dropRedisPrefix(prefix);
    remove();
  });

  async function openedCase(id: string): Promise<number> {
    const out = await w.ctx.intake.submit(smsReport(id, '+15550005001', 'pothole at 5 Elm St'));
    const caseId = out.case!.service_request_id;
    await waitFor(async () => (await deliveries(db, caseId))[0]?.status === 'sent', 10_000, 'the opened event');
    return caseId;
  }

  it('posts a signed, documented event per change (opened, a resident comment with photo, closed) with a stable id, and keeps the id the receiver gives', async () => {
    const caseId = await openedCase('SM-w1');
    expect(receiver.events[0]).toMatchObject({ signed: true, body: { type: 'case.opened', case: { id: caseId, service_code: 'pothole' } } });
    expect(Math.abs(receiver.events[0].timestamp - Date.now() / 1000)).toBeLessThan(30);
    const eventId = receiver.events[0].body.id as string;
    expect(eventId).toMatch(/^intake311-\d+$/);
    // A resident's extra words and photo, through the one intake path a channel uses.
    await w.ctx.port.inbound.handle({ channel: 'open311', providerMessageId: 'upd-1', raw: {} }, () => ({
      reply: {},
      action: { kind: 'comment', caseId, text: 'it is getting deeper', media: [{ url: 'https://photos.example.org/p1.jpg' }] },
    }));
    await waitFor(() => receiver.events.length === 2, 10_000, 'the comment event');
    expect(receiver.events[1].body).toMatchObject({
      type: 'case.updated',
      change: { type: 'comment', text: 'it is getting deeper', media_urls: ['https://photos.example.org/p1.jpg'] },
    });
    await w.ctx.cases.update(caseId, { status: 'closed', status_notes: 'Filled' }, 'staff:alice');
    await waitFor(() => receiver.events.length === 3, 10_000, 'the closed event');
    expect(receiver.events[2].body).toMatchObject({
      type: 'case.closed',
      external_id: `WO-${caseId}`,
      case: { status: 'closed', status_notes: 'Filled' },
    });
    expect((await deliveries(db, caseId))[0].external_id).toBe(`WO-${caseId}`);
  });

  it('refuses a forged, unsigned or stale status post and changes nothing; a signed one closes the case once', async () => {
    const caseId = await openedCase('SM-w2');
    const app = createApp(w.ctx, w.ctx.channels);
    const body = JSON.stringify({ event_id: 'wo-77', service_request_id: String(caseId), status: 'closed', note: 'Patched by crew 4' });
    const post = (sig?: string, payload = body) => {
      const r = request(app).post('/connectors/hook/status').set('content-type', 'application/json');
      return (sig ? r.set('x-intake311-signature', sig) : r).send(payload);
    };
    const eventsBefore = (await db.query('SELECT id FROM case_events WHERE case_id = $1', [caseId])).rowCount;
    await post(signed(body, 'not-the-secret-at-all')).expect(401);
    await post().expect(401);
    await post(signed(body, SECRET, Math.floor(Date.now() / 1000) - 3600)).expect(401);
    // A valid signature over other bytes does not cover these.
    await post(signed(body.replace('closed', 'open')), body).expect(401);
    await request(app).post('/connectors/nope/status').send(body).expect(404);
    expect((await db.query('SELECT id FROM case_events WHERE case_id = $1', [caseId])).rowCount).toBe(eventsBefore);
    expect((await db.query('SELECT status FROM cases WHERE service_request_id = $1', [caseId])).rows[0]).toEqual({ status: 'open' });

    const ok = await post(signed(body)).expect(202);
    expect(ok.body).toEqual({ outcome: 'applied', service_request_id: String(caseId) });
    await waitFor(async () => (await closureTexts(db, caseId)).length === 1, 10_000, 'the closure text');
    expect((await closureTexts(db, caseId))[0]).toContain('Patched by crew 4');
    expect((await post(signed(body)).expect(200)).body.outcome).toBe('repeat');
    const bad = await post(signed('{"event_id":"x"}'), '{"event_id":"x"}').expect(400);
    expect(bad.body.error.message).toMatch(/service_request_id/);
    await new Promise((r) => setTimeout(r, 300));
    expect(await closureTexts(db, caseId)).toHaveLength(1);
    // The receiver closed it: it does not get its own close back.
    expect((await deliveries(db, caseId)).map((d) => d.kind)).toEqual(['opened']);
  });

  it('shows staff a dead letter with its reason, and delivers it on resend', async () => {
    receiver.answers.push(400);
    const out = await w.ctx.intake.submit(smsReport('SM-w3', '+15550005003', 'graffiti on 2 Oak St'));
    const caseId = out.case!.service_request_id;
    await waitFor(async () => (await deliveries(db, caseId))[0]?.status === 'dead', 10_000, 'the dead letter');
    const app = createApp(w.ctx, w.ctx.channels);
    const auth = { authorization: `Bearer ${staffToken}` };
    await request(app).get(`/api/v1/cases/${caseId}/connectors`).expect(401);
    const seen = await request(app).get(`/api/v1/cases/${caseId}/connectors`).set(auth).expect(200);
    expect(seen.body.connectors).toEqual([
      expect.objectContaining({ connector: 'hook', state: 'dead', external_id: null, last_error: expect.stringMatching(/HTTP 400/) }),
    ]);
    await request(app).post(`/api/v1/cases/${caseId}/connectors/nope/resend`).set(auth).expect(404);
    await request(app).post(`/api/v1/cases/${caseId}/connectors/hook/resend`).set(auth).expect(202);
    await waitFor(async () => (await deliveries(db, caseId))[0]?.status === 'sent', 10_000, 'the resend');
    const after = await request(app).get(`/api/v1/cases/${caseId}/connectors`).set(auth).expect(200);
    expect(after.body.connectors[0]).toMatchObject({ state: 'sent', external_id: `WO-${caseId}`, last_error: null });
    const again = await request(app).post(`/api/v1/cases/${caseId}/connectors/hook/resend`).set(auth).expect(400);
    expect(again.body.error.message).toMatch(/nothing to resend/);
  });
});
