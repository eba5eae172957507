import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { createUser, signInUrl } from '../../src/staff/accounts';
import { getCase } from '../../src/storage/cases-repo';
import { type FakeTwilioApi, startFakeTwilioApi } from '../fakes/twilio-api';
import { type RunningService, startService } from '../integration/try/server';
import { ARTIFACTS, axeViolations, haveChromium, launchChromium } from '../support/browser';
import { freshPgDatabase } from '../support/db';
import { phonePhoto } from '../support/images';

const SHOTS = path.join(ARTIFACTS, 'staff');
const RESIDENT = '+16175550142';

(haveChromium ? describe : describe.skip)('staff console in headless Chromium (tablet)', () => {
  let db: Awaited<ReturnType<typeof freshPgDatabase>>;
  let fake: FakeTwilioApi;
  let svc: RunningService;
  let browser: Browser;
  let page: Page;
  const checked: string[] = [];

  /** axe-core on the page as it stands: WCAG 2.1 A and AA, no violations allowed. */
  const accessible = async (name: string) => {
    const found = await axeViolations(page);
    expect([name, found]).toEqual([name, []]);
    checked.push(name);
    await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
  };
  const texts = (to: string) => fake.messages.filter((m) => m.to === to).map((m) => m.body);
  const waitFor = async (what: () => boolean, label: string) => {
    for (let i = 0; i < 100 && !what(); i++) await new Promise((r) => setTimeout(r, 100));
    if (!what()) throw new Error(`timed out waiting for ${label}`);
  };
  const report = async (text: string, from = RESIDENT, media: Array<{ url: string }> = []) => {
    const out = await svc.ctx.intake.submit({
      channel: 'sms',
      providerMessageId: `SM${Math.random().toString(16).slice(2)}`,
      reporter: { address: from },
      text,
      media,
      raw: {},
    });
    return Number(out.case.service_request_id);
  };

  beforeAll(async () => {
    db = await freshPgDatabase();
    fake = await startFakeTwilioApi();
    svc = await startService(db, { ...fake.env() });
    browser = await launchChromium();
    // The console's CSP allows no inline script; axe is injected as one, so the test browser bypasses CSP.
    const context = await browser.newContext({ viewport: { width: 820, height: 1180 }, hasTouch: true, bypassCSP: true });
    page = await context.newPage();
    page.setDefaultTimeout(10000);
  });
  afterAll(async () => {
    await browser?.close();
    await svc?.stop();
    await fake?.close();
    await db?.close();
  });

  it('an admin follows the one-time link, sets a password and lands on the queue', async () => {
    const { secret } = await createUser(
      db,
      { email: 'lee@city.test', name: 'Lee Admin', role: 'admin', departments: ['Public Works'] },
      { label: 'test' },
    );
    const link = new URL(signInUrl(svc.url, secret));
    await page.goto(`${svc.url}${link.pathname}${link.search}`);
    await accessible('01-welcome');
    await page.fill('#password', 'a long enough passphrase');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${svc.url}/staff`);
    await page.goto(`${svc.url}/staff/login`);
    await page.waitForURL(`${svc.url}/staff`);
  });

  it('signs out and in again with the keyboard alone', async () => {
    await page.click('.signout button');
    await page.waitForURL(/\/staff\/login$/);
    await accessible('02-sign-in');
    await page.focus('#email');
    await page.keyboard.type('lee@city.test');
    await page.keyboard.press('Tab');
    await page.keyboard.type('a long enough passphrase');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${svc.url}/staff`);
  });

  it('works an SMS case from the queue: assign, reply (the fake Twilio gets it), close (the closure alert goes out)', async () => {
    const id = await report('big pothole outside 12 elm st');
    await waitFor(() => texts(RESIDENT).length >= 1, 'the confirmation text');
    await page.goto(`${svc.url}/staff`);
    await page.locator(`#queue tr[data-case="${id}"]`).waitFor();
    await accessible('03-queue');
    // Keyboard: "/" goes to search, j selects the first row, Enter opens it.
    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('q');
    await page.keyboard.press('Escape');
    await page.evaluate(() => (document.activeElement as HTMLElement).blur());
    await page.keyboard.press('j');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${svc.url}/staff/cases/${id}`);
    await accessible('04-case');

    await page.selectOption('#assignee', { label: 'Lee Admin' });
    await page.click('form[action$="/assign"] button');
    await page.waitForURL(/done=1/);
    expect((await page.textContent('#case-assignee'))?.trim()).toBe('Lee Admin');

    await page.selectOption('#canned', { label: 'EN · Crew scheduled' });
    expect(await page.inputValue('#reply-text')).toMatch(/crew is scheduled/);
    await page.fill('#reply-text', 'Thanks! A crew will fill it on Thursday.');
    await page.click('form[action$="/reply"] button');
    await page.waitForURL(/done=1/);
    await waitFor(() => texts(RESIDENT).some((t) => t.includes('A crew will fill it on Thursday.')), 'the reply at the fake Twilio');
    expect(texts(RESIDENT).find((t) => t.includes('Thursday'))).toMatch(new RegExp(`#${id}`));

    await page.fill('#close-note', 'Filled the pothole.');
    await page.setInputFiles('#close-file', { name: 'filled.jpg', mimeType: 'image/jpeg', buffer: await phonePhoto({ width: 1200, height: 900 }) });
    await page.click('form[action$="/close"] button');
    await page.waitForURL(/done=1/);
    await waitFor(() => texts(RESIDENT).some((t) => /has been closed/.test(t) && t.includes('Filled the pothole.')), 'the closure alert');
    const closed = (await getCase(db, id))!;
    expect(closed).toMatchObject({ status: 'closed', closure_media_url: expect.stringMatching(/\/media\/\d+\/display$/) });
    // The closure alert carries our processed copy of the uploaded photo.
    const alert = fake.messages.find((m) => m.to === RESIDENT && /has been closed/.test(m.body));
    expect(alert?.mediaUrl).toEqual([closed.closure_media_url]);
    await page.reload();
    await expect(page.locator('.msg.out .delivery').first().textContent()).resolves.toMatch(/sent|delivered|queued|pending|sending/);
    expect(await page.locator('.msg.out').count()).toBeGreaterThanOrEqual(3);
    await accessible('05-case-closed');
  });

  it('merges two cases from the case page', async () => {
    const a = await report('streetlight out at 5 oak st', '+16175550143');
    const b = await report('the light on oak st is out again', '+16175550144');
    await page.goto(`${svc.url}/staff/cases/${b}`);
    await page.fill('#merge-target', String(a));
    await page.click('form[action$="/merge"] button');
    await page.waitForURL(/done=1/);
    expect(await getCase(db, b)).toMatchObject({ duplicate_of: a, status: 'closed' });
    await accessible('06-case-merged');
    await page.click('form[action$="/unmerge"] button');
    await page.waitForURL(/done=1/);
    expect((await getCase(db, b))!.duplicate_of).toBeNull();
  });

  it('hides the description and a photo from the public page', async () => {
    const id = await report('graffiti at 9 pine st, my name is Robin Q', '+16175550145', [{ url: 'https://photos.example.org/graffiti-face.jpg' }]);
    // That host does not resolve here: once the service's media worker has tried it (and will wait a minute to retry),
    // (processing is tested in test/integration/media), the row is made ready: the public sees our copy's URL.
    let settled: { id: number }[] = [];
    for (let i = 0; i < 150 && settled.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 100));
      ({ rows: settled } = await db.query<{ id: number }>(
        `UPDATE media_items SET status = 'ready', sha256 = 'x' WHERE case_id = $1 AND jobs >= 1 AND status <> 'processing' RETURNING id::int AS id`,
        [id],
      ));
    }
    const photo = `/media/${settled[0]?.id}/display`;
    const first = await (await fetch(`${svc.url}/cases/${id}`)).text();
    expect(first).toContain(photo);
    await page.goto(`${svc.url}/staff/cases/${id}`);
    await page.fill('#public-description', 'Graffiti at 9 Pine St');
    await page.click('form[action$="/redact"] button');
    await page.waitForURL(/done=1/);
    await page.click('[data-photo="0"] button');
    await page.waitForURL(/done=1/);
    await page.locator('[data-photo="0"] .badge').waitFor();
    await accessible('07-case-moderated');
    const pub = await (await fetch(`${svc.url}/cases/${id}`)).text();
    expect(pub).toContain('Graffiti at 9 Pine St');
    expect(pub).not.toContain('Robin Q');
    expect(pub).not.toContain(photo);
    expect(pub).not.toContain('photos.example.org');
    const feed = await (await fetch(`${svc.url}/open311/v2/requests/${id}.json?extensions=true`)).text();
    expect(feed).not.toContain(photo);
    expect(feed).not.toContain('Robin Q');
  });

  it('shows a new case in the open queue without a reload', async () => {
    await page.goto(`${svc.url}/staff?status=active`);
    await page.locator('#queue').waitFor();
    await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
    const id = await report('overflowing litter basket at 5 water st', '+16175550148');
    await page.locator(`#queue tr[data-case="${id}"]`).waitFor({ timeout: 15_000 });
    expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
    await expect(page.locator('#live').textContent()).resolves.toMatch(/1/);
  });

  it('maps the queue selection beside the table', async () => {
    await svc.ctx.intake.submit({
      channel: 'sms',
      providerMessageId: 'SM-located',
      reporter: { address: '+16175550146' },
      text: 'missed trash pickup',
      media: [],
      location: { lat: 42.3601, lon: -71.0589 },
      raw: {},
    });
    await page.goto(`${svc.url}/staff?status=active`);
    await page.locator('#queue-map .leaflet-interactive').first().waitFor();
    expect(await page.locator('#queue-map .leaflet-interactive').count()).toBe(1);
    await accessible('08-queue-map');
  });

  it('corrects a case location by clicking the map, which fills the pin form', async () => {
    const out = await svc.ctx.intake.submit({
      channel: 'sms',
      providerMessageId: 'SM-to-move',
      reporter: { address: '+16175550147' },
      text: 'broken streetlight',
      media: [],
      location: { lat: 42.3601, lon: -71.0589 },
      raw: {},
    });
    const id = Number(out.case.service_request_id);
    await page.goto(`${svc.url}/staff/cases/${id}`);
    await page.locator('#case-map .leaflet-marker-icon').waitFor();
    const before = await page.inputValue('#loc-lat');
    const box = (await page.locator('#case-map').boundingBox())!;
    await page.locator('#case-map').click({ position: { x: box.width * 0.7, y: box.height * 0.3 } });
    const lat = await page.inputValue('#loc-lat');
    expect(lat).not.toBe(before);
    const lon = await page.inputValue('#loc-lon');
    await page.click('#loc-lon ~ button');
    await page.waitForURL(/done=1/);
    const moved = (await getCase(db, id))!;
    expect(moved).toMatchObject({ location_source: 'staff' });
    expect(moved.lat).toBeCloseTo(Number(lat), 5);
    expect(moved.lon).toBeCloseTo(Number(lon), 5);
    await accessible('16-case-location');
  });

  it('every other console page passes axe, in English and Spanish', async () => {
    for (const [name, url] of [
      ['07-audit', '/staff/audit'],
      ['08-users', '/staff/users'],
      ['09-tokens', '/staff/tokens'],
      ['10-canned', '/staff/canned'],
      ['11-dashboard', '/staff/dashboard'],
      ['12-queue-filtered', '/staff?status=active&overdue=1'],
      ['13-queue-es', '/staff?lang=es'],
      ['14-case-es', `/staff/cases/100001?lang=es`],
      ['15-audit-es', '/staff/audit'],
    ] as const) {
      await page.goto(`${svc.url}${url}`);
      await accessible(name);
    }
    expect(await page.getAttribute('html', 'lang')).toBe('es');
    expect(await page.textContent('h1')).toBe('Registro de auditoría');
    await page.goto(`${svc.url}/staff/audit?lang=en`);
    expect(await page.locator('table.audit tbody tr').count()).toBeGreaterThan(5);
    expect(checked.length).toBe(18);
  });
});
