import request from 'supertest';
import { createUser } from '../../../src/staff/accounts';
import { hashPassword } from '../../../src/staff/password';
import { type StaffRole, updateStaffUser } from '../../../src/storage/staff-users-repo';
import { FakePhotoServer } from '../../fakes/photo-server';
import { phonePhoto } from '../../support/images';
import { csrfOf, PASSWORD } from '../staff/staff-harness';
import { type MediaHarness, startMediaHarness } from './media-harness';

let h: MediaHarness;
let photos: FakePhotoServer;
beforeAll(async () => {
  photos = await new FakePhotoServer().start();
  photos.add('/hole.jpg', await phonePhoto({ width: 1200, height: 900 }));
  h = await startMediaHarness({
    // Plain http, so supertest keeps the console's cookies (behind https they are Secure and __Host- prefixed).
    env: { MEDIA_FETCH_ALLOW_PRIVATE: photos.allowEntry, PUBLIC_BASE_URL: 'http://311.example.gov' },
    resolver: async (host) => (host === 'photos.example.org' ? ['127.0.0.1'] : []),
  });
});
afterAll(async () => {
  await h.stop();
  await photos.stop();
});

async function signedIn(role: StaffRole) {
  const { user } = await createUser(h.ctx.db, { email: `${role}@city.test`, name: `${role} one`, role, departments: [] }, { label: 'test' });
  await updateStaffUser(h.ctx.db, user.id, { password_hash: await hashPassword(PASSWORD) });
  const agent = request.agent(h.app);
  const form = await agent.get('/staff/login');
  const res = await agent
    .post('/staff/login')
    .type('form')
    .send({ _csrf: csrfOf(form.text), email: user.email, password: PASSWORD });
  expect(res.status).toBe(303);
  return agent;
}

describe('photos in the staff console', () => {
  it('shows staff our processed copy, hides it from every public place with one click, and keeps originals for supervisors', async () => {
    const { case: c } = await h.ctx.intake.submit({
      channel: 'open311',
      providerMessageId: 'console-photo-1',
      reporter: {},
      text: 'Deep pothole by the bus stop',
      media: [{ url: `http://photos.example.org:${photos.port}/hole.jpg`, content_type: 'image/jpeg' }],
      raw: {},
      location: { lat: 42.3601, lon: -71.0589 },
      serviceCode: 'pothole',
    });
    const id = c.service_request_id;
    const [item] = await h.settled(id);
    expect(item.status).toBe('ready');

    const agent = await signedIn('agent');
    const page = await agent.get(`/staff/cases/${id}`);
    expect(page.text).toContain(`/staff/media/${item.id}/thumb`);
    expect(page.text).not.toContain('photos.example.org');
    const thumb = await agent.get(`/staff/media/${item.id}/thumb`);
    expect(thumb.status).toBe(200);
    expect(thumb.headers['content-type']).toMatch(/^image\//);
    expect((await agent.get(`/staff/media/${item.id}/original`)).status).toBe(403);
    expect((await request(h.app).get(`/staff/media/${item.id}/thumb`)).status).toBe(303);

    expect((await request(h.app).get(`/cases/${id}`)).text).toContain(`/media/${item.id}/display`);
    const hide = await agent
      .post(`/staff/cases/${id}/photos/0`)
      .type('form')
      .send({ _csrf: csrfOf(page.text), hidden: 'true' });
    expect(hide.status).toBe(303);
    expect((await request(h.app).get(`/cases/${id}`)).text).not.toContain(`/media/${item.id}/`);
    expect((await request(h.app).get(`/media/${item.id}/display`)).status).toBe(404);
    const open311 = await request(h.app).get(`/open311/v2/requests/${id}.json`);
    expect(JSON.stringify(open311.body)).not.toContain(`/media/${item.id}/`);
    expect((await agent.get(`/staff/media/${item.id}/thumb`)).status).toBe(200);

    const supervisor = await signedIn('supervisor');
    const original = await supervisor.get(`/staff/media/${item.id}/original`);
    expect(original.status).toBe(200);
    expect(original.headers['cache-control']).toBe('private, no-store');
  });
});
