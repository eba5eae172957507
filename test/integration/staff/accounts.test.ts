import request from 'supertest';
import { createUser, signInUrl } from '../../../src/staff/accounts';
import { listAudit } from '../../../src/storage/audit-repo';
import { listStaffUsers } from '../../../src/storage/staff-users-repo';
import { createToken, findToken } from '../../../src/storage/tokens-repo';
import { csrfOf, PASSWORD, type StaffHarness, startStaffHarness } from './staff-harness';

describe('staff accounts, sessions and roles', () => {
  let h: StaffHarness;
  beforeAll(async () => {
    h = await startStaffHarness();
  });
  afterAll(() => h.stop());

  it('a new account signs in once with its link, chooses a password, and the link is spent', async () => {
    const { secret } = await createUser(h.db, { email: 'New.Person@City.test', name: 'New Person', role: 'agent' }, { label: 'test' });
    const link = new URL(signInUrl('http://311.test', secret));
    const agent = request.agent(h.app);
    const form = await agent.get(`${link.pathname}${link.search}`);
    expect(form.status).toBe(200);
    const short = await agent
      .post('/staff/welcome')
      .type('form')
      .send({ _csrf: csrfOf(form.text), token: secret, password: 'short' });
    expect(short.status).toBe(400);
    const set = await agent
      .post('/staff/welcome')
      .type('form')
      .send({ _csrf: csrfOf(form.text), token: secret, password: PASSWORD });
    expect(set.status).toBe(303);
    expect((await agent.get('/staff')).text).toContain('New Person');
    expect((await request(h.app).get(`${link.pathname}${link.search}`)).status).toBe(404);
    // Email is matched without regard to case.
    const other = request.agent(h.app);
    const login = await other.get('/staff/login');
    const res = await other
      .post('/staff/login')
      .type('form')
      .send({ _csrf: csrfOf(login.text), email: 'new.person@city.TEST', password: PASSWORD });
    expect(res.status).toBe(303);
  });

  it('sets an HttpOnly, SameSite session cookie; Secure with the __Host- prefix behind https', async () => {
    const user = await h.account('agent');
    const agent = request.agent(h.app);
    const form = await agent.get('/staff/login');
    const res = await agent
      .post('/staff/login')
      .type('form')
      .send({ _csrf: csrfOf(form.text), email: user.email, password: PASSWORD });
    const cookie = (res.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('i311_staff='))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/);

    const https = await startStaffHarness({ PUBLIC_BASE_URL: 'https://311.example.gov' });
    try {
      const u = await https.account('agent');
      // supertest keeps no Secure cookie over plain http, so the sign-in form's cookie is carried by hand.
      const f = await request(https.app).get('/staff/login');
      const login = (f.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('__Host-i311_login='))!;
      expect(login).toMatch(/; Secure/);
      const r = await request(https.app)
        .post('/staff/login')
        .set('Cookie', login.split(';')[0])
        .type('form')
        .send({ _csrf: csrfOf(f.text), email: u.email, password: PASSWORD });
      const secure = (r.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('__Host-i311_staff='))!;
      expect(secure).toMatch(/; Secure/);
      expect(secure).toMatch(/Path=\//);
    } finally {
      await https.stop();
    }
  });

  it('refuses a wrong password, then rate-limits the address with 429 and Retry-After', async () => {
    // A harness of its own: the refused address would otherwise stay refused for the other tests.
    const limited = await startStaffHarness({ RATE_LIMIT_AUTH_FAILURES: '4/300' });
    const user = await limited.account('agent');
    const agent = request.agent(limited.app);
    const form = await agent.get('/staff/login');
    const csrf = csrfOf(form.text);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await agent
        .post('/staff/login')
        .type('form')
        .send({ _csrf: csrf, email: user.email, password: `wrong password ${i}` });
      statuses.push(res.status);
      if (res.status === 429) expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    }
    expect(statuses.slice(0, 4)).toEqual([401, 401, 401, 401]);
    expect(statuses.slice(4)).toEqual([429, 429]);
    // Even the right password waits out the window.
    const right = await agent.post('/staff/login').type('form').send({ _csrf: csrf, email: user.email, password: PASSWORD });
    expect(right.status).toBe(429);
    await limited.stop();
  });

  it('a sign-in form posted without its CSRF token is refused', async () => {
    const user = await h.account('agent');
    const res = await request(h.app).post('/staff/login').type('form').send({ email: user.email, password: PASSWORD });
    expect(res.status).toBe(403);
    expect(res.headers['set-cookie']?.toString() ?? '').not.toMatch(/i311_staff=[^;]/);
  });

  it('pages need a session; a stranger is sent to sign in and a POST is 401', async () => {
    const page = await request(h.app).get('/staff');
    expect(page.status).toBe(303);
    expect(page.headers.location).toBe('/staff/login?next=%2Fstaff');
    expect((await request(h.app).post('/staff/users').type('form').send({ email: 'x@y.z', name: 'X', role: 'admin' })).status).toBe(401);
  });

  it('an agent cannot manage users, tokens or read the audit log; a supervisor reads the log but manages nobody', async () => {
    const agent = await h.signIn(await h.account('agent'));
    for (const path of ['/staff/users', '/staff/tokens', '/staff/audit', '/staff/audit.csv', '/staff/canned', '/staff/dashboard']) {
      expect([path, (await agent.agent.get(path)).status]).toEqual([path, 403]);
    }
    const before = (await listStaffUsers(h.db)).length;
    const made = await agent.agent
      .post('/staff/users')
      .type('form')
      .send({ _csrf: agent.csrf, email: 'sneaky@city.test', name: 'Sneaky', role: 'admin' });
    expect(made.status).toBe(403);
    expect((await listStaffUsers(h.db)).length).toBe(before);

    const supervisor = await h.signIn(await h.account('supervisor'));
    expect((await supervisor.agent.get('/staff/audit')).status).toBe(200);
    expect((await supervisor.agent.get('/staff/dashboard')).status).toBe(200);
    expect((await supervisor.agent.get('/staff/users')).status).toBe(403);
    expect((await supervisor.agent.post('/staff/tokens').type('form').send({ _csrf: supervisor.csrf, name: 'x', scope: 'staff' })).status).toBe(403);
  });

  it('an admin creates a user (link shown once), and disabling a user kills their open session at once', async () => {
    const admin = await h.signIn(await h.account('admin'));
    const created = await admin.agent
      .post('/staff/users')
      .type('form')
      .send({ _csrf: admin.csrf, email: 'field@city.test', name: 'Field Agent', role: 'agent', departments: 'Public Works' });
    expect(created.status).toBe(200);
    expect(created.text).toMatch(/http:\/\/311\.test\/staff\/welcome\?token=[\w-]+/);
    const bad = await admin.agent.post('/staff/users').type('form').send({ _csrf: admin.csrf, email: 'not-an-email', name: 'X', role: 'agent' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('email');

    const victim = await h.account('agent');
    const session = await h.signIn(victim);
    expect((await session.agent.get('/staff')).status).toBe(200);
    expect((await admin.agent.post(`/staff/users/${victim.id}/disable`).type('form').send({ _csrf: admin.csrf })).status).toBe(303);
    const after = await session.agent.get('/staff');
    expect(after.status).toBe(303);
    expect(after.headers.location).toMatch(/^\/staff\/login/);
    expect((await session.agent.post('/staff/bulk').type('form').send({ _csrf: session.csrf })).status).toBe(401);
    // And cannot sign in again.
    const again = request.agent(h.app);
    const f = await again.get('/staff/login');
    expect(
      (
        await again
          .post('/staff/login')
          .type('form')
          .send({ _csrf: csrfOf(f.text), email: victim.email, password: PASSWORD })
      ).status,
    ).toBe(401);
    const audit = await listAudit(h.db, { target: `user:${victim.id}`, limit: 10 });
    expect(audit[0]).toMatchObject({
      action: 'user.disable',
      actor: admin.user.email,
      before: expect.objectContaining({ disabled: false }),
      after: expect.objectContaining({ disabled: true }),
    });
  });

  it('an admin changes a role and departments, but not their own role', async () => {
    const admin = await h.signIn(await h.account('admin'));
    const user = await h.account('agent');
    const res = await admin.agent
      .post(`/staff/users/${user.id}/update`)
      .type('form')
      .send({ _csrf: admin.csrf, role: 'supervisor', departments: 'Parks, Street Lighting' });
    expect(res.status).toBe(303);
    expect((await listStaffUsers(h.db)).find((u) => u.id === user.id)).toMatchObject({
      role: 'supervisor',
      departments: ['Parks', 'Street Lighting'],
    });
    const bad = await admin.agent.post(`/staff/users/${user.id}/update`).type('form').send({ _csrf: admin.csrf, role: 'overlord' });
    expect(bad.status).toBe(400);
    const self = await admin.agent.post(`/staff/users/${admin.user.id}/update`).type('form').send({ _csrf: admin.csrf, role: 'agent' });
    expect(self.status).toBe(400);
    expect(self.text).toMatch(/role/);
  });

  it('an admin password reset ends the sessions and the old password', async () => {
    const admin = await h.signIn(await h.account('admin'));
    const user = await h.account('agent');
    const session = await h.signIn(user);
    const res = await admin.agent.post(`/staff/users/${user.id}/reset`).type('form').send({ _csrf: admin.csrf });
    expect(res.text).toMatch(/welcome\?token=/);
    expect((await session.agent.get('/staff')).status).toBe(303);
    await expect(h.signIn(user)).rejects.toThrow(/401/);
  });

  it('an admin lists and revokes API tokens in the console; a revoked token stops working', async () => {
    const admin = await h.signIn(await h.account('admin'));
    const secret = await createToken(h.db, 'dispatch', 'staff');
    expect((await request(h.app).get('/api/v1/cases').set('Authorization', `Bearer ${secret}`)).status).toBe(200);
    const page = await admin.agent.get('/staff/tokens');
    expect(page.text).toContain('dispatch');
    expect(page.text).not.toContain(secret);
    const id = (await findToken(h.db, secret))!.id;
    expect((await admin.agent.post(`/staff/tokens/${id}/revoke`).type('form').send({ _csrf: admin.csrf })).status).toBe(303);
    expect((await request(h.app).get('/api/v1/cases').set('Authorization', `Bearer ${secret}`)).status).toBe(401);
    const made = await admin.agent.post('/staff/tokens').type('form').send({ _csrf: admin.csrf, name: 'city-app', scope: 'open311' });
    const token = /id="new-token">([^<]+)</.exec(made.text)![1];
    expect(await findToken(h.db, token)).toMatchObject({ name: 'city-app', scope: 'open311' });
  });

  it('signing out needs the CSRF token and ends the session', async () => {
    const s = await h.signIn(await h.account('agent'));
    expect((await s.agent.post('/staff/logout').type('form').send({})).status).toBe(403);
    expect((await s.agent.get('/staff')).status).toBe(200);
    expect((await s.agent.post('/staff/logout').type('form').send({ _csrf: s.csrf })).status).toBe(303);
    expect((await s.agent.get('/staff')).status).toBe(303);
  });
});
