import request from 'supertest';
import { loadConfig } from '../../../src/config';
import { listAudit } from '../../../src/storage/audit-repo';
import { updateStaffUser } from '../../../src/storage/staff-users-repo';
import { type FakeOidcIssuer, startFakeOidcIssuer } from '../../fakes/oidc-issuer';
import { type StaffHarness, startStaffHarness } from './staff-harness';

/** Follows the browser's trip: our /staff/sso, the issuer's /authorize, back to our callback. */
async function ssoTrip(agent: ReturnType<typeof request.agent>, next = '/staff') {
  const start = await agent.get(`/staff/sso?next=${encodeURIComponent(next)}`);
  expect(start.status).toBe(303);
  const atIssuer = await fetch(start.headers.location, { redirect: 'manual' });
  expect(atIssuer.status).toBe(302);
  const back = new URL(atIssuer.headers.get('location')!);
  expect(`${back.origin}${back.pathname}`).toBe('http://311.test/staff/sso/callback');
  return { back, callback: (query = back.search) => agent.get(`${back.pathname}${query}`) };
}

describe('staff single sign-on through the city OpenID Connect issuer', () => {
  let issuer: FakeOidcIssuer;
  let h: StaffHarness;
  beforeAll(async () => {
    issuer = await startFakeOidcIssuer();
    h = await startStaffHarness({
      OIDC_ISSUER_URL: issuer.url,
      OIDC_CLIENT_ID: issuer.clientId,
      OIDC_CLIENT_SECRET: issuer.clientSecret,
      OIDC_LABEL: 'City ID',
    });
  });
  afterAll(async () => {
    await h.stop();
    await issuer.close();
  });
  beforeEach(() => {
    issuer.forgeSignature = false;
  });

  it('signs an existing account in with the issuer, with PKCE and the client secret, and lands on the page asked for', async () => {
    const user = await h.account('agent', 'sso.person@city.test');
    const agent = request.agent(h.app);
    const login = await agent.get('/staff/login');
    expect(login.text).toContain('Sign in with City ID');
    issuer.user = { sub: 'u-42', email: 'SSO.Person@city.test', email_verified: true };
    const { callback } = await ssoTrip(agent, '/staff?status=open');
    const done = await callback();
    expect(done.status).toBe(303);
    expect(done.headers.location).toBe('/staff?status=open');
    expect((await agent.get('/staff')).text).toContain(user.name);
    expect(issuer.tokenRequests.at(-1)).toEqual({ verifierOk: true, clientAuth: 'basic' });
    const audit = await listAudit(h.db, { userId: user.id, limit: 5 });
    expect(audit.some((a) => a.action === 'session.sign_in' && JSON.stringify(a.after).includes('sso'))).toBe(true);
  });

  it('refuses a person with no account here, and a disabled account, without a session', async () => {
    const agent = request.agent(h.app);
    issuer.user = { sub: 'u-7', email: 'stranger@city.test', email_verified: true };
    const stranger = await (await ssoTrip(agent)).callback();
    expect(stranger.status).toBe(403);
    expect(stranger.text).toContain('no active staff account');
    expect((await agent.get('/staff')).status).toBe(303);

    const gone = await h.account('agent', 'left.the.city@city.test');
    await updateStaffUser(h.db, gone.id, { disabled: true });
    issuer.user = { sub: 'u-8', email: gone.email, email_verified: true };
    const disabled = await (await ssoTrip(agent)).callback();
    expect(disabled.status).toBe(403);
    expect((await agent.get('/staff')).headers.location).toMatch(/^\/staff\/login/);
  });

  it('refuses an unverified email, a tampered state, a forged ID token and a callback with no attempt cookie', async () => {
    await h.account('agent', 'careful@city.test');
    const agent = request.agent(h.app);
    issuer.user = { sub: 'u-9', email: 'careful@city.test', email_verified: false };
    expect((await (await ssoTrip(agent)).callback()).status).toBe(401);

    issuer.user = { sub: 'u-9', email: 'careful@city.test', email_verified: true };
    const trip = await ssoTrip(agent);
    const tampered = new URLSearchParams(trip.back.search);
    tampered.set('state', 'someone-elses-state');
    expect((await trip.callback(`?${tampered}`)).status).toBe(401);

    issuer.forgeSignature = true;
    expect((await (await ssoTrip(agent)).callback()).status).toBe(401);
    issuer.forgeSignature = false;

    // A link to our callback sent to a staff member by someone else: no attempt was started in this browser.
    const other = await ssoTrip(request.agent(h.app));
    const victim = request.agent(h.app);
    const res = await victim.get(`${other.back.pathname}${other.back.search}`);
    expect(res.status).toBe(400);
    expect((await victim.get('/staff')).status).toBe(303);
    expect((await agent.get('/staff')).status).toBe(303);
  });

  it('answers 502 with a way back when the issuer is down, and the password form still works', async () => {
    const down = await startStaffHarness({
      OIDC_ISSUER_URL: 'http://127.0.0.1:9/',
      OIDC_CLIENT_ID: 'x',
      OIDC_CLIENT_SECRET: 'y',
    });
    try {
      const res = await request(down.app).get('/staff/sso');
      expect(res.status).toBe(502);
      expect(res.text).toContain('sign in with your password');
      const user = await down.account('agent');
      await down.signIn(user);
    } finally {
      await down.stop();
    }
  });

  it('needs the issuer and both halves of the client registration, or none', () => {
    expect(() => loadConfig({ OIDC_ISSUER_URL: 'https://login.city.example/' })).toThrow(
      /single sign-on: OIDC_CLIENT_ID, OIDC_CLIENT_SECRET missing/,
    );
    expect(loadConfig({}).sso).toBeUndefined();
    expect(loadConfig({ OIDC_ISSUER_URL: 'https://login.city.example/', OIDC_CLIENT_ID: 'a', OIDC_CLIENT_SECRET: 'b' }).sso?.label).toBe(
      'single sign-on',
    );
  });
});
