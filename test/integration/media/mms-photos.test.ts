import fs from 'node:fs';
import path from 'node:path';
import exifr from 'exifr';
import sharp from 'sharp';
import request from 'supertest';
import { PHOTO_GPS, phonePhoto } from '../../support/images';
import { BASE_URL, type MediaHarness, startMediaHarness } from './media-harness';

let h: MediaHarness;
beforeAll(async () => {
  h = await startMediaHarness();
});
afterAll(async () => {
  await h.stop();
});

const auth = () => ({ Authorization: `Bearer ${h.staffToken}` });
const ourPath = (html: string) => [...new Set([...html.matchAll(/\/media\/(\d+)\/display/g)].map((m) => Number(m[1])))];

describe('photos sent by MMS', () => {
  it('downloads with Basic auth, strips EXIF and GPS, and shows our resized copy on the case page', async () => {
    h.twilio.addMms('MMphoto1', 'MEphoto1', await phonePhoto({ width: 2400, height: 1800, orientation: 6 }));
    const caseId = await h.mms('big pothole outside 12 Elm St', [{ messageSid: 'MMphoto1', mediaSid: 'MEphoto1' }]);
    const [item] = await h.settled(caseId);
    expect(item).toMatchObject({ status: 'ready', content_type: 'image/jpeg', width: 1800, height: 2400 });
    expect(item.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(h.twilio.requests.filter((r) => r.path.includes('/Media/MEphoto1'))).toEqual([expect.objectContaining({ authorized: true, status: 200 })]);

    const page = await request(h.app).get(`/cases/${caseId}`);
    expect(page.status).toBe(200);
    expect(ourPath(page.text)).toEqual([item.id]);
    expect(page.text).toContain(`${BASE_URL}/media/${item.id}/display`);
    expect(page.text).not.toContain('api.twilio.com');

    const display = await request(h.app).get(`/media/${item.id}/display`).buffer(true);
    expect(display.status).toBe(200);
    expect(display.headers['content-type']).toBe('image/jpeg');
    expect(display.headers['cache-control']).toMatch(/public, max-age=\d+/);
    const bytes = display.body as Buffer;
    const meta = await sharp(bytes).metadata();
    // Upright (the phone's orientation tag applied), at most 1600 px, and nothing left of the camera's metadata.
    expect([meta.width, meta.height]).toEqual([1200, 1600]);
    expect(meta.exif).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    expect(await exifr.parse(bytes, true)).toBeUndefined();
    expect(await exifr.gps(bytes)).toBeUndefined();

    const thumb = await request(h.app).get(`/media/${item.id}/thumb`).buffer(true);
    expect(Math.max((await sharp(thumb.body as Buffer).metadata()).width!, (await sharp(thumb.body as Buffer).metadata()).height!)).toBe(320);
    expect(await exifr.gps(thumb.body as Buffer)).toBeUndefined();

    // The stored files themselves carry no GPS either, except the original, kept for staff until its retention ends.
    const mediaDir = path.join(h.dataDir, 'media', String(item.id));
    expect(await exifr.gps(fs.readFileSync(path.join(mediaDir, 'display.jpg')))).toBeUndefined();
    expect((await request(h.app).get(`/media/${item.id}/original`)).status).toBe(401);
    const original = await request(h.app).get(`/media/${item.id}/original`).set(auth()).buffer(true);
    expect(original.status).toBe(200);
    expect(original.headers['cache-control']).toBe('private, no-store');
  });

  it('keeps the EXIF GPS point as a private location suggestion for staff, never on public pages', async () => {
    h.twilio.addMms('MMgps', 'MEgps', await phonePhoto({ width: 1200, height: 900 }));
    // A place named in the text well away from where the photo was taken, so the page's own point cannot be it.
    const caseId = await h.mms('graffiti on the wall at 700 Boylston St', [{ messageSid: 'MMgps', mediaSid: 'MEgps' }]);
    await h.settled(caseId);
    const staff = await request(h.app).get(`/api/v1/cases/${caseId}/media`).set(auth());
    expect(staff.status).toBe(200);
    expect(staff.body.media[0].location_suggestion.lat).toBeCloseTo(PHOTO_GPS.lat, 4);
    expect(staff.body.media[0].location_suggestion.lon).toBeCloseTo(PHOTO_GPS.lon, 4);
    const page = await request(h.app).get(`/cases/${caseId}`);
    expect(page.text).not.toContain(String(PHOTO_GPS.lon).slice(0, 7));
    expect(page.text).not.toContain(String(PHOTO_GPS.lat));
    const open311 = await request(h.app).get(`/open311/v2/requests/${caseId}.json?extensions=true`);
    expect(JSON.stringify(open311.body)).not.toContain('location_suggestion');
    expect(open311.body[0].media_url).toBe(`${BASE_URL}/media/${staff.body.media[0].id}/display`);
  });

  it('refuses a 30 MB file and a non-image, with the reason on the case for staff', async () => {
    const huge = Buffer.concat([await phonePhoto({ width: 640, height: 480 }), Buffer.alloc(30 * 1024 * 1024)]);
    h.twilio.addMms('MMbig', 'MEbig', huge);
    h.twilio.addMms('MMbig', 'MEchunked', huge, { chunked: true });
    h.twilio.addMms('MMbig', 'MEhtml', Buffer.from('<html>login</html>'), { contentType: 'text/html' });
    h.twilio.addMms('MMbig', 'MEfake', Buffer.from('%PDF-1.4 not a photo at all'), { contentType: 'image/jpeg' });
    const caseId = await h.mms('graffiti on the fence at 9 Oak St', [
      { messageSid: 'MMbig', mediaSid: 'MEbig' },
      { messageSid: 'MMbig', mediaSid: 'MEchunked' },
      { messageSid: 'MMbig', mediaSid: 'MEhtml' },
      { messageSid: 'MMbig', mediaSid: 'MEfake' },
    ]);
    await h.settled(caseId);
    const staff = await request(h.app).get(`/api/v1/cases/${caseId}/media`).set(auth());
    const reasons = staff.body.media.map((m: { status: string; reason: string }) => [m.status, m.reason]);
    expect(reasons).toEqual([
      ['refused', expect.stringMatching(/larger than the 10 MB limit \(30\.\d MB\)/)],
      ['refused', expect.stringMatching(/larger than the 10 MB limit/)],
      ['refused', 'not an image (the server says text/html)'],
      ['refused', 'not an image we can read'],
    ]);
    const page = await request(h.app).get(`/cases/${caseId}`);
    expect(ourPath(page.text)).toEqual([]);
    expect(fs.existsSync(path.join(h.dataDir, 'media', String(staff.body.media[0].id)))).toBe(false);
  });

  it('a photo staff hide disappears from the case page, Open311, Atom and its URL at once, and comes back when shown', async () => {
    h.twilio.addMms('MMhide', 'MEhide', await phonePhoto({ width: 800, height: 600 }));
    const caseId = await h.mms('broken street light at 3 Birch St', [{ messageSid: 'MMhide', mediaSid: 'MEhide' }]);
    const [item] = await h.settled(caseId);
    const url = `/media/${item.id}/display`;
    const everywhere = async () => [
      (await request(h.app).get(`/cases/${caseId}`)).text.includes(url),
      JSON.stringify((await request(h.app).get(`/open311/v2/requests/${caseId}.json?extensions=true`)).body).includes(url),
      (await request(h.app).get('/feed.atom')).text.includes(url),
      (await request(h.app).get(url)).status,
    ];
    expect(await everywhere()).toEqual([true, true, true, 200]);
    const hide = await request(h.app).patch(`/api/v1/media/${item.id}`).set(auth()).send({ hidden: true });
    expect(hide.status).toBe(200);
    expect(await everywhere()).toEqual([false, false, false, 404]);
    // Staff still see it, and its original.
    expect((await request(h.app).get(`/media/${item.id}/original`).set(auth())).status).toBe(200);
    await request(h.app).patch(`/api/v1/media/${item.id}`).set(auth()).send({ hidden: false });
    expect(await everywhere()).toEqual([true, true, true, 200]);
  });

  it('answers bad staff input with a 400 naming the field, and strangers with 401', async () => {
    expect((await request(h.app).patch('/api/v1/media/1').send({ hidden: true })).status).toBe(401);
    const bad = await request(h.app).patch('/api/v1/media/1').set(auth()).send({ hidden: 'yes' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/hidden/);
    expect((await request(h.app).patch('/api/v1/media/999999').set(auth()).send({ hidden: true })).status).toBe(404);
    expect((await request(h.app).get('/media/abc/display')).status).toBe(404);
    expect((await request(h.app).get('/media/1/huge')).status).toBe(404);
  });
});
