import { getCase } from '../../../src/storage/cases-repo';
import { testContext } from '../../support/context';
import { postJson, serviceForSuite, TWILIO_LIVE, X_LIVE } from './server';

describe('/try on an install with one live channel and TRY_PAGE unset', () => {
  const suite = serviceForSuite(TWILIO_LIVE);

  it('is not there at all: no page, no simulator, no staff panel', async () => {
    expect((await fetch(`${suite.svc.url}/try`)).status).toBe(404);
    expect((await postJson(`${suite.svc.url}/try/api/tweet`, { user_id: '1', screen_name: 'x', text: 'pothole at 1 Elm St' })).status).toBe(404);
    expect((await fetch(`${suite.svc.url}/try/api/cases`)).status).toBe(404);
    const { rows } = await suite.db.query<{ n: number }>('SELECT count(*)::int AS n FROM cases');
    expect(rows[0].n).toBe(0);
  });
});

describe('/try turned on by the operator (TRY_PAGE=on) on an install with live Twilio', () => {
  const suite = serviceForSuite({ ...TWILIO_LIVE, TRY_PAGE: 'on' });

  it('never signs a Twilio webhook: the live channel is refused and nothing reaches the SMS route', async () => {
    const sms = await postJson(`${suite.svc.url}/try/api/sms`, { from: '+15550100001', body: 'pothole at 1 Elm St' });
    expect(sms.status).toBe(403);
    expect((await postJson(`${suite.svc.url}/try/api/voice`, { from: '+15550100001' })).status).toBe(403);
    const { rows } = await suite.db.query<{ n: number }>("SELECT count(*)::int AS n FROM inbound_messages WHERE channel IN ('sms', 'voice')");
    expect(rows[0].n).toBe(0);
  });

  it('closes the cases /try made, which are marked simulated, and refuses a real case on the same channel', async () => {
    const tweet = await postJson(`${suite.svc.url}/try/api/tweet`, {
      user_id: '900000000010',
      screen_name: 'trial',
      text: 'graffiti on the wall at 45 Main St',
    });
    const simulatedId = tweet.body.outcome.caseId as number;
    expect((await getCase(suite.db, simulatedId))?.details).toMatchObject({ simulated: true });

    // A real resident's tweet from when X was live here: the same channel, but not made by /try.
    const liveX = await testContext(suite.db, { env: { ...TWILIO_LIVE, ...X_LIVE } });
    const real = await liveX.intake.submit({
      channel: 'twitter',
      providerMessageId: '1790000000000000001',
      reporter: { address: '777', handle: 'real_resident' },
      text: 'streetlight out at 9 Oak St',
      media: [],
      raw: { id: '1790000000000000001' },
    });
    await liveX.queue.close();
    const realId = real.case.service_request_id;
    const stored = await suite.svc.ctx.db.query<{ details: Record<string, unknown> }>('SELECT details FROM cases WHERE service_request_id = $1', [
      realId,
    ]);
    expect(stored.rows[0].details.simulated).toBeUndefined();

    const listed = (await (await fetch(`${suite.svc.url}/try/api/cases`)).json()).cases.map(
      (c: { service_request_id: number }) => c.service_request_id,
    );
    expect(listed).toContain(simulatedId);
    expect(listed).not.toContain(realId);

    const refused = await postJson(`${suite.svc.url}/try/api/cases/${realId}/close`, { note: 'closed by a stranger' });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('not_simulated');
    expect((await getCase(suite.db, realId))?.status).toBe('open');

    const closed = await postJson(`${suite.svc.url}/try/api/cases/${simulatedId}/close`, { note: 'Painted over' });
    expect(closed.status).toBe(200);
    expect((await getCase(suite.db, simulatedId))?.status).toBe('closed');
  });
});
