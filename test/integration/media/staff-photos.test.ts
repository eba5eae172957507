import exifr from 'exifr';
import request from 'supertest';
import { startHousekeeping } from '../../../src/housekeeping';
import { FakePhotoServer } from '../../fakes/photo-server';
import { phonePhoto } from '../../support/images';
import { BASE_URL, type MediaHarness, startMediaHarness } from './media-harness';

let h: MediaHarness;
let photos: FakePhotoServer;
beforeAll(async () => {
  photos = await new FakePhotoServer().start();
  photos.add('/after.jpg', await phonePhoto({ width: 1000, height: 750 }));
  h = await startMediaHarness({
    env: { MEDIA_FETCH_ALLOW_PRIVATE: photos.allowEntry, MEDIA_ORIGINAL_RETENTION_DAYS: '0' },
    resolver: async (host) => (host === 'photos.example.org' ? ['127.0.0.1'] : []),
  });
});
afterAll(async () => {
  await h.stop();
  await photos.stop();
});

const auth = () => ({ Authorization: `Bearer ${h.staffToken}` });
let filed = 0;
/** A new case each time: a kilometre apart, so none is linked to another as a duplicate. */
const fileCase = async () =>
  h.ctx.intake.submit({
    channel: 'open311',
    providerMessageId: `p-${++filed}`,
    reporter: {},
    text: 'pothole',
    media: [],
    raw: {},
    location: { lat: 42.3 + filed / 100, lon: -71.064 },
    serviceCode: 'pothole',
  });

describe('closure photos', () => {
  it('an uploaded closure photo is processed at once and goes out with the closure, at our URL, without its EXIF', async () => {
    const { caseId } = await fileCase().then((r) => ({ caseId: r.case.service_request_id }));
    const up = await request(h.app)
      .post(`/api/v1/cases/${caseId}/closure-photo`)
      .set(auth())
      .attach('photo', await phonePhoto({ width: 2000, height: 1500 }), { filename: 'fixed.jpg', contentType: 'image/jpeg' });
    expect(up.status).toBe(201);
    expect(up.body).toMatchObject({ kind: 'closure', status: 'ready', width: 1500, height: 2000 });
    const ours = `${BASE_URL}/media/${up.body.id}/display`;
    const closed = await request(h.app).patch(`/api/v1/cases/${caseId}`).set(auth()).send({ status: 'closed', status_notes: 'Filled' });
    expect(closed.body.closure_media_url).toBe(ours);

    const page = await request(h.app).get(`/cases/${caseId}`);
    expect(page.text).toContain(ours);
    const updates = await request(h.app).get(`/open311/v2/servicerequestupdates.json?start_date=2000-01-01T00:00:00Z`);
    expect(updates.body.some((u: { media_url: string }) => u.media_url === ours)).toBe(true);
    const shown = await request(h.app).get(`/media/${up.body.id}/display`).buffer(true);
    expect(await exifr.gps(shown.body as Buffer)).toBeUndefined();
  });

  it('refuses an upload that is not a photo, or too big, with a 400 naming the field, and changes nothing', async () => {
    const caseId = (await fileCase()).case.service_request_id;
    const notPhoto = await request(h.app).post(`/api/v1/cases/${caseId}/closure-photo`).set(auth()).attach('photo', Buffer.from('<svg/>'), 'x.svg');
    expect(notPhoto.status).toBe(400);
    expect(notPhoto.body.error.message).toMatch(/^photo: /);
    const big = await request(h.app)
      .post(`/api/v1/cases/${caseId}/closure-photo`)
      .set(auth())
      .attach('photo', Buffer.alloc(11 * 1024 * 1024), 'big.jpg');
    expect(big.status).toBe(400);
    expect(big.body.error.message).toMatch(/photo is larger than the 10 MB limit/);
    const missing = await request(h.app).post(`/api/v1/cases/${caseId}/closure-photo`).set(auth()).field('x', 'y');
    expect(missing.status).toBe(400);
    expect((await request(h.app).get(`/api/v1/cases/${caseId}`).set(auth())).body.closure_media_url).toBeNull();
    expect((await request(h.app).get(`/api/v1/cases/${caseId}/media`).set(auth())).body.media).toEqual([]);
  });

  it('a closure photo given as a URL is fetched safely and shown as our copy, never at the given URL', async () => {
    const caseId = (await fileCase()).case.service_request_id;
    const given = `http://photos.example.org:${photos.port}/after.jpg`;
    await request(h.app).patch(`/api/v1/cases/${caseId}`).set(auth()).send({ status: 'closed', closure_media_url: given }).expect(200);
    const [item] = await h.settled(caseId);
    expect(item).toMatchObject({ kind: 'closure', status: 'ready' });
    const page = await request(h.app).get(`/cases/${caseId}`);
    expect(page.text).toContain(`${BASE_URL}/media/${item.id}/display`);
    expect(page.text).not.toContain('photos.example.org');
  });
});

describe('retention and deletion', () => {
  it('housekeeping deletes originals past MEDIA_ORIGINAL_RETENTION_DAYS and keeps the stripped copies', async () => {
    const caseId = (await fileCase()).case.service_request_id;
    const up = await request(h.app)
      .post(`/api/v1/cases/${caseId}/closure-photo`)
      .set(auth())
      .attach('photo', await phonePhoto({ width: 640, height: 480 }), 'a.jpg');
    expect((await request(h.app).get(`/media/${up.body.id}/original`).set(auth())).status).toBe(200);
    await startHousekeeping(h.ctx, 3600_000).sweep();
    expect((await request(h.app).get(`/media/${up.body.id}/original`).set(auth())).status).toBe(404);
    expect(await h.ctx.media.store.list(`${up.body.id}/`)).toEqual([`${up.body.id}/display.jpg`, `${up.body.id}/thumb.jpg`]);
    expect((await request(h.app).get(`/api/v1/cases/${caseId}/media`).set(auth())).body.media[0].urls.original).toBeNull();
  });

  it("deleting a case's media removes every size of every photo", async () => {
    const caseId = (await fileCase()).case.service_request_id;
    const ids: number[] = [];
    for (let i = 0; i < 2; i++) {
      const up = await request(h.app)
        .post(`/api/v1/cases/${caseId}/closure-photo`)
        .set(auth())
        .attach('photo', await phonePhoto({ width: 320, height: 240 }), 'a.jpg');
      ids.push(up.body.id);
    }
    expect(await h.ctx.media.deleteCaseMedia(caseId)).toBe(2);
    for (const id of ids) {
      expect(await h.ctx.media.store.list(`${id}/`)).toEqual([]);
      expect((await request(h.app).get(`/media/${id}/thumb`)).status).toBe(404);
    }
  });
});
