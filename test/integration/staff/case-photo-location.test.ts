import { listCaseMedia } from '../../../src/media/media-repo';
import { render } from '../../../src/outbound/templates';
import { characterBudget } from '../../../src/outbound/text-budget';
import { listAudit } from '../../../src/storage/audit-repo';
import { getCase } from '../../../src/storage/cases-repo';
import { listEvents } from '../../../src/storage/events-repo';
import { listNotificationsForCase } from '../../../src/storage/notifications-repo';
import { phonePhoto } from '../../support/images';
import { type StaffClient, type StaffHarness, startStaffHarness } from './staff-harness';

// The case page's close form takes a photo file, and its location forms move the case by address or by pin.
describe('staff console: closing with a photo upload, correcting the location', () => {
  let h: StaffHarness;
  let agent: StaffClient;
  beforeAll(async () => {
    h = await startStaffHarness();
    agent = await h.signIn(await h.account('agent'));
  });
  afterAll(() => h.stop());

  const close = (id: number, note: string, photo?: { bytes: Buffer; name: string; type: string }, csrf = agent.csrf) => {
    let r = agent.agent.post(`/staff/cases/${id}/close`);
    if (csrf) r = r.field('_csrf', csrf);
    r = r.field('status_notes', note);
    return photo ? r.attach('photo', photo.bytes, { filename: photo.name, contentType: photo.type }) : r;
  };
  let n = 0;
  /** An SMS report whose place the resident gave (geocoded at intake). */
  const locatedCase = async (address: string) =>
    Number(
      (
        await h.ctx.intake.submit({
          channel: 'sms',
          providerMessageId: `SM-console-loc-${++n}-${Date.now()}`,
          reporter: { address: '+16175550150' },
          text: 'pothole',
          address,
          media: [],
          raw: {},
        })
      ).case.service_request_id,
    );
  const move = (id: number, fields: Record<string, string>) =>
    agent.agent
      .post(`/staff/cases/${id}/location`)
      .type('form')
      .send({ _csrf: agent.csrf, ...fields });

  it('closes with an uploaded photo: our processed copy is the closure photo, and the SMS closure alert carries it', async () => {
    const id = await h.smsCase('pothole outside 12 elm st', '+16175550141');
    const res = await close(id, 'Filled this morning.', {
      bytes: await phonePhoto({ width: 1600, height: 1200 }),
      name: 'after.jpg',
      type: 'image/jpeg',
    });
    expect(res.status).toBe(303);
    const [item] = await listCaseMedia(h.db, id);
    expect(item).toMatchObject({ kind: 'closure', status: 'ready' });
    const ours = `http://311.test/media/${item.id}/display`;
    const c = (await getCase(h.db, id))!;
    expect(c).toMatchObject({ status: 'closed', status_notes: 'Filled this morning.', closure_media_url: ours });
    const alert = (await listNotificationsForCase(h.db, id)).find((n) => n.kind === 'case_closed' && n.channel === 'sms');
    expect(alert).toBeDefined();
    const sms = render(alert!, c, { catalog: h.ctx.catalog, locales: h.ctx.locales, publicBaseUrl: 'http://311.test' }, characterBudget(1600));
    expect(sms.mediaUrl).toBe(ours);
    expect((await agent.agent.get(`/media/${item.id}/display`)).headers['content-type']).toMatch(/^image\//);
    expect((await listAudit(h.db, { target: `case:${id}`, limit: 1 }))[0]).toMatchObject({
      action: 'case.close',
      after: expect.objectContaining({ status: 'closed', closure_media_url: ours }),
    });
  });

  it('refuses a file that is not a photo, or too big, next to the field, keeps the note typed, and the case stays open', async () => {
    const id = await h.smsCase('streetlight out at 9 pine st');
    const before = await getCase(h.db, id);
    const svg = await close(id, 'Fixed the lamp.', {
      bytes: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'),
      name: 'x.svg',
      type: 'image/svg+xml',
    });
    expect(svg.status).toBe(400);
    expect(svg.text).toMatch(
      /<input id="close-file"[^>]*aria-invalid="true"[^>]*><p class="field-error" id="close-file-error" role="alert">photo: not an image/,
    );
    expect(svg.text).toContain('Fixed the lamp.</textarea>');
    const big = await close(id, 'Fixed the lamp.', { bytes: Buffer.alloc(11 * 1024 * 1024, 1), name: 'big.jpg', type: 'image/jpeg' });
    expect(big.status).toBe(400);
    expect(big.text).toMatch(/id="close-file-error" role="alert">photo is larger than the 10 MB limit/);
    expect(await getCase(h.db, id)).toEqual(before);
    expect(await listCaseMedia(h.db, id)).toEqual([]);
    expect((await listNotificationsForCase(h.db, id)).some((n) => n.kind === 'case_closed')).toBe(false);
  });

  it('a multipart close without the session CSRF token is refused before any photo is kept', async () => {
    const id = await h.smsCase('graffiti at 5 oak st');
    const res = await close(id, 'Painted over.', { bytes: await phonePhoto(), name: 'a.jpg', type: 'image/jpeg' }, '');
    expect(res.status).toBe(403);
    expect(await listCaseMedia(h.db, id)).toEqual([]);
    expect((await getCase(h.db, id))!.status).not.toBe('closed');
  });

  it('shows the location as geocoded, and moves it by address and by pin, each audited', async () => {
    const id = await locatedCase('12 Elm St');
    const page = await agent.agent.get(`/staff/cases/${id}`);
    expect(page.text).toContain('12 Elm St, Charlestown 02129');
    expect(page.text).toMatch(/<dd id="case-neighbourhood">Charlestown<\/dd>/);
    expect(page.text).toMatch(/<dt>Kind<\/dt><dd>address<\/dd>/);
    expect(page.text).toMatch(/<dt>Source<\/dt><dd>geocoded<\/dd>/);
    expect(page.text).toMatch(/<dt>Confidence<\/dt><dd>\d+%<\/dd>/);
    expect(page.text).toContain('id="case-map"');

    expect((await move(id, { address: '12 Elm St, Dorchester', lat: '', lon: '' })).status).toBe(303);
    const moved = (await getCase(h.db, id))!;
    expect(moved).toMatchObject({ address: '12 Elm St, Dorchester 02122', neighborhood: 'Dorchester', location_source: 'staff' });
    expect(moved.lat).toBeCloseTo(42.3006, 3);
    const [byAddress] = await listAudit(h.db, { target: `case:${id}`, limit: 1 });
    expect(byAddress).toMatchObject({
      action: 'case.relocate',
      actor: agent.user.email,
      before: { location: expect.objectContaining({ neighborhood: 'Charlestown' }) },
      after: { location: expect.objectContaining({ neighborhood: 'Dorchester', address: '12 Elm St, Dorchester 02122' }) },
    });

    expect((await move(id, { lat: '42.3426', lon: '-71.0794' })).status).toBe(303);
    expect(await getCase(h.db, id)).toMatchObject({ lat: 42.3426, lon: -71.0794, neighborhood: 'South End', location_kind: 'point' });
    expect((await listAudit(h.db, { target: `case:${id}`, limit: 2 })).map((a) => a.action)).toEqual(['case.relocate', 'case.relocate']);
    const events = (await listEvents(h.db, id)).filter((e) => e.type === 'location_corrected');
    expect(events).toHaveLength(2);
    expect(events[1]).toMatchObject({ actor: `staff:${agent.user.email}`, public: false });
    expect((await agent.agent.get(`/staff/cases/${id}`)).text).toMatch(/<dd id="case-neighbourhood">South End<\/dd>/);
  });

  it('refuses a pin outside the city, an unknown address or a bad number next to the field, changing nothing', async () => {
    const id = await locatedCase('300 Newbury St');
    const before = await getCase(h.db, id);
    const paris = await move(id, { lat: '48.8584', lon: '2.2945' });
    expect(paris.status).toBe(400);
    expect(paris.text).toMatch(/id="loc-lat-error" role="alert">lat and lon: the point is outside the city/);
    expect(paris.text).toContain('value="48.8584"');
    const nowhere = await move(id, { address: 'my house' });
    expect(nowhere.status).toBe(400);
    expect(nowhere.text).toMatch(/id="loc-address-error" role="alert">address: no place found/);
    const north = await move(id, { lat: 'north', lon: '-71.06' });
    expect(north.status).toBe(400);
    expect(north.text).toMatch(/id="loc-lat-error" role="alert">lat: must be a decimal number/);
    expect(await getCase(h.db, id)).toEqual(before);
    expect(await listAudit(h.db, { target: `case:${id}`, limit: 5 })).toEqual([]);
    expect((await move(999999, { address: '1 Elm St, Jamaica Plain' })).status).toBe(404);
  });
});
