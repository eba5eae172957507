import { mentionEvent } from '../../../channels/twitter/simulate';
import { simulationSecret } from '../../../src/simulation-secret';
import { getCase } from '../../../src/storage/cases-repo';
import { listNotificationsForCase } from '../../../src/storage/notifications-repo';
import { secretFingerprint } from '../../../src/try/resident-api';
import { eventually, postJson, serviceForSuite, TWILIO_LIVE, X_LIVE } from './server';

describe('/try on a service with simulated vendors', () => {
  const suite = serviceForSuite();

  it('serves the page with the text, call, tweet and staff panes', async () => {
    const res = await fetch(`${suite.svc.url}/try`);
    expect(res.status).toBe(200);
    const html = await res.text();
    for (const id of ['sms', 'voice', 'tweet', 'staff']) expect(html).toContain(`id="${id}"`);
    expect((await fetch(`${suite.svc.url}/try/assets/try.js`)).status).toBe(200);
  });

  it('tells simulators which channels it can play and which secret it expects', async () => {
    const info = await (await fetch(`${suite.svc.url}/try/api/info`)).json();
    expect(info.channels.twitter.mode).toBe('simulated');
    expect(info.secret_fingerprint).toBe(secretFingerprint(simulationSecret(suite.svc.ctx.dataDir)));
    expect(JSON.stringify(info)).not.toContain(simulationSecret(suite.svc.ctx.dataDir));
  });

  it('turns a tweet into a case through the signed X webhook, which still refuses unsigned events', async () => {
    const tweet = await postJson(`${suite.svc.url}/try/api/tweet`, {
      user_id: '900000000001',
      screen_name: 'pat_resident',
      text: 'huge pothole in front of 12 Elm St, please fix',
    });
    expect(tweet.status).toBe(200);
    expect(tweet.body.outcome).toMatchObject({ kind: 'created' });
    const c = await getCase(suite.db, tweet.body.outcome.caseId);
    expect(c).toMatchObject({ channel: 'twitter', service_code: 'pothole' });
    expect(c?.reporter.address).toBe('900000000001');

    const forged = mentionEvent(
      { userId: suite.svc.ctx.config.twitter.userId, handle: suite.svc.ctx.config.twitter.handle },
      { userId: '900000000002', screenName: 'forger', text: 'pothole at 1 Main St' },
    );
    const res = await fetch(`${suite.svc.url}/channels/twitter/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-twitter-webhooks-signature': 'sha256=AAAA' },
      body: JSON.stringify(forged),
    });
    expect(res.status).toBe(403);
  });

  it('lists simulated cases for the staff panel and closes one through the staff API', async () => {
    const tweet = await postJson(`${suite.svc.url}/try/api/tweet`, {
      user_id: '900000000003',
      screen_name: 'sam_resident',
      text: 'graffiti all over the wall at 45 Main St',
    });
    const id = tweet.body.outcome.caseId as number;
    const list = await (await fetch(`${suite.svc.url}/try/api/cases`)).json();
    expect(list.cases.map((c: { service_request_id: number }) => c.service_request_id)).toContain(id);

    const closed = await postJson(`${suite.svc.url}/try/api/cases/${id}/close`, {
      note: 'Painted over today',
      photo_url: 'https://example.org/after.jpg',
    });
    expect(closed.status).toBe(200);
    expect(await getCase(suite.db, id)).toMatchObject({
      status: 'closed',
      status_notes: 'Painted over today',
      closure_media_url: 'https://example.org/after.jpg',
    });
    const alerts = (await listNotificationsForCase(suite.db, id)).filter((n) => n.kind === 'case_closed');
    expect(alerts.map((n) => n.recipient)).toEqual(['900000000003']);
    const { rows } = await suite.db.query<{ actor: string }>(`SELECT actor FROM case_events WHERE case_id = $1 AND type = 'closed'`, [id]);
    expect(rows[0].actor).toBe('staff:try-panel');
  });

  it("passes the staff API's own validation errors back to the panel", async () => {
    const tweet = await postJson(`${suite.svc.url}/try/api/tweet`, {
      user_id: '900000000004',
      screen_name: 'kim',
      text: 'streetlight out at 3 Oak St',
    });
    const bad = await postJson(`${suite.svc.url}/try/api/cases/${tweet.body.outcome.caseId}/close`, { note: 'x', photo_url: 'not a url' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/closure_media_url/);
    expect((await getCase(suite.db, tweet.body.outcome.caseId))?.status).toBe('open');
  });

  it('will not let the panel touch a case that came in on a channel it does not simulate', async () => {
    const web = await suite.svc.ctx.intake.submit({
      channel: 'open311',
      providerMessageId: 'try-web-1',
      reporter: { email: 'someone@example.org' },
      text: 'pothole at 9 Pine St',
      media: [],
      raw: {},
    });
    const res = await postJson(`${suite.svc.url}/try/api/cases/${web.case.service_request_id}/close`, { note: 'done' });
    expect(res.status).toBe(403);
    expect((await getCase(suite.db, web.case.service_request_id))?.status).toBe('open');
  });

  it('streams what the service sends a simulated resident, as it is sent', async () => {
    let id = 0;
    const controller = new AbortController();
    const res = await fetch(`${suite.svc.url}/try/api/stream?channel=twitter&address=900000000005`, { signal: controller.signal });
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    let received = '';
    const decoder = new TextDecoder();
    const pump = (async () => {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) received += decoder.decode(chunk);
    })().catch(() => undefined);
    try {
      const tweet = await postJson(`${suite.svc.url}/try/api/tweet`, { user_id: '900000000005', screen_name: 'lee', text: 'pothole at 77 Elm St' });
      id = tweet.body.outcome.caseId as number;
      await postJson(`${suite.svc.url}/try/api/cases/${id}/close`, { note: 'Fixed it' });
      await eventually('the closure alert on the stream', async () => (/"kind":"case_closed"/.test(received) ? true : undefined));
    } finally {
      controller.abort();
      await pump;
    }
    const closure = received
      .split('\n\n')
      .map((block) => /^data: (.*)$/m.exec(block)?.[1])
      .filter((d): d is string => Boolean(d))
      .map((d) => JSON.parse(d))
      .find((d) => d.kind === 'case_closed');
    expect(closure).toMatchObject({ case_id: id, status: 'sent' });
    expect(closure.text).toContain(String(id));
  });
});

describe('/try on a service with real vendor credentials, turned on by the operator', () => {
  const suite = serviceForSuite({ TRY_PAGE: 'on', ...TWILIO_LIVE, ...X_LIVE });

  it('says each channel is live and refuses to fake the providers', async () => {
    const info = await (await fetch(`${suite.svc.url}/try/api/info`)).json();
    expect(info.channels.sms.mode).toBe('live');
    expect(info.channels.twitter.mode).toBe('live');
    expect(info.channels.sms.notice).toMatch(/live/);
    const sms = await postJson(`${suite.svc.url}/try/api/sms`, { from: '+15550100001', body: 'pothole at 1 Elm St' });
    expect(sms.status).toBe(403);
    expect(sms.body.error.code).toBe('channel_live');
    const tweet = await postJson(`${suite.svc.url}/try/api/tweet`, { user_id: '1', screen_name: 'x', text: 'pothole at 1 Elm St' });
    expect(tweet.status).toBe(403);
    const voice = await postJson(`${suite.svc.url}/try/api/voice`, { from: '+15550100001' });
    expect(voice.status).toBe(403);
    const { rows } = await suite.db.query<{ n: number }>('SELECT count(*)::int AS n FROM cases');
    expect(rows[0].n).toBe(0);
  });

  it('streams nothing sent to real residents and keeps the staff panel off', async () => {
    expect((await fetch(`${suite.svc.url}/try/api/stream?channel=sms&address=%2B16175550123`)).status).toBe(403);
    expect((await fetch(`${suite.svc.url}/try/api/cases`)).status).toBe(403);
    const { rows } = await suite.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM api_tokens WHERE name = 'try-panel'`);
    expect(rows[0].n).toBe(0);
  });

  it('still shows the page, with the live notices', async () => {
    expect((await fetch(`${suite.svc.url}/try`)).status).toBe(200);
  });
});

describe('/try turned off by the operator (TRY_PAGE=off)', () => {
  const suite = serviceForSuite({ TRY_PAGE: 'off' });

  it('serves neither the page nor its simulator API, and creates no staff token', async () => {
    expect((await fetch(`${suite.svc.url}/try`)).status).toBe(404);
    expect((await postJson(`${suite.svc.url}/try/api/sms`, { from: '+15550100001', body: 'pothole on Elm St' })).status).toBe(404);
    const { rows } = await suite.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM api_tokens WHERE name = 'try-panel'`);
    expect(rows[0].n).toBe(0);
    expect((await fetch(`${suite.svc.url}/healthz`)).status).toBe(200);
  });
});
