import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { createToken } from '../../src/storage/tokens-repo';
import { SmtpInbox } from '../fakes/smtp-inbox';
import { startService } from '../integration/try/server';
import { ARTIFACTS, axeViolations, haveChromium, launchChromium } from '../support/browser';
import { freshPgDatabase } from '../support/db';
import { phonePhoto } from '../support/images';

const SHOTS = path.join(ARTIFACTS, 'report');
const WIDTHS = [360, 1280] as const;

/** A mail as a reader sees it: quoted-printable soft breaks joined and `=3D` read as `=`. */
function readable(raw: string): string {
  return raw.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
}

async function waitFor<T>(what: string, find: () => T | undefined | Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const found = await find();
    if (found) return found;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/**
 * The report form as residents use it, in headless Chromium on a 360 px phone and a 1280 px screen: report with an
 * address and a photo, read the tracking number, get the email, staff close the case, get the closure email; follow
 * a nearby case instead of reporting it again; and the whole form with JavaScript off. Axe checks every step.
 */
(haveChromium ? describe : describe.skip)('the report form in a browser', () => {
  let db: Awaited<ReturnType<typeof freshPgDatabase>>;
  let svc: Awaited<ReturnType<typeof startService>>;
  let inbox: SmtpInbox;
  let browser: Browser;
  let staffToken: string;
  const count = async () => Number((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM cases')).rows[0].n);

  /**
   * Axe runs as a script in the page; with JavaScript off it runs on a copy of the page as the browser rendered it
   * (scripts removed, so the copy is the no-JavaScript page), in a page that allows scripts.
   */
  async function violations(page: Page, scriptsOff: boolean) {
    if (!scriptsOff) return axeViolations(page);
    const html = (await page.content()).replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, '').replace('<head>', `<head><base href="${svc.url}/">`);
    const copy = await browser.newPage({ viewport: page.viewportSize() ?? undefined });
    try {
      await copy.setContent(html, { waitUntil: 'load' });
      return await axeViolations(copy);
    } finally {
      await copy.close();
    }
  }

  async function step(page: Page, name: string, scriptsOff = false): Promise<void> {
    await page.waitForSelector('main');
    expect({ name, violations: await violations(page, scriptsOff) }).toEqual({ name, violations: [] });
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    const viewport = page.viewportSize()?.width;
    expect({ name, width }).toEqual({ name, width: viewport });
    await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
  }

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    inbox = await new SmtpInbox().start();
    db = await freshPgDatabase();
    svc = await startService(db, {
      SMTP_URL: `smtp://127.0.0.1:${inbox.port}`,
      EMAIL_FROM: '311@city.example',
      MAP_TILE_URL: 'http://127.0.0.1:9/{z}/{x}/{y}.png',
    });
    staffToken = await createToken(db, 'browser-test', 'staff');
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await svc?.stop();
    await db?.close();
    await inbox?.stop();
  });

  const reports = {
    360: { address: '100 Main St', text: 'Big pothole in front of the bakery', category: 'Pothole' },
    1280: { address: '1 City Hall Sq', text: 'The street light is out by the entrance', category: 'Street light out' },
  };

  it.each(WIDTHS)(
    'at %i px: report with an address and a photo, get the tracking number, the email and the closure email',
    async (width) => {
      const r = reports[width];
      const email = `resident-${width}@example.org`;
      const page = await browser.newPage({ viewport: { width, height: 900 } });
      try {
        await page.goto(`${svc.url}/`);
        await page.click('text=Report a problem');
        await page.waitForSelector('#report-form');
        await step(page, `${width}-1-form`);
        await page.fill('#f-address', r.address);
        await page.fill('#f-description', r.text);
        await page.fill('#f-email', email);
        await page.setInputFiles('#f-photo', { name: 'photo.jpg', mimeType: 'image/jpeg', buffer: await phonePhoto({ width: 800, height: 600 }) });
        await page.waitForSelector('#photo-preview:not([hidden])');
        await step(page, `${width}-2-filled`);
        await page.click('button[value=review]');

        await page.waitForSelector('#proposal');
        expect(await page.textContent('#proposal')).toContain(r.category);
        expect(await page.textContent('#review-address')).toContain(r.address);
        await step(page, `${width}-3-review`);
        await page.click('#send');

        const tracking = (await page.waitForSelector('#tracking-number')).textContent();
        const id = await tracking;
        expect(id).toMatch(/^\d+$/);
        expect(await page.textContent('#confirmation')).toContain('email');
        await step(page, `${width}-4-sent`);

        const opened = await waitFor('the confirmation email', () =>
          inbox.mails.find((m) => m.to.includes(email) && readable(m.raw).includes(`#${id}`)),
        );
        expect(readable(opened.raw)).toMatch(new RegExp(`Subject: Your 311 report #${id}`));
        expect(readable(opened.raw)).toMatch(/\/unsubscribe\/\d+\.[\w-]+/);

        // Staff close it through the staff API; the resident gets the closure by email.
        const closed = await fetch(`${svc.url}/api/v1/cases/${id}`, {
          method: 'PATCH',
          headers: { authorization: `Bearer ${staffToken}`, 'content-type': 'application/json' },
          body: JSON.stringify({ status: 'closed', status_notes: 'Fixed by the crew this morning' }),
        });
        expect(closed.status).toBe(200);
        const closure = await waitFor('the closure email', () => inbox.mails.find((m) => m.to.includes(email) && /is closed/.test(readable(m.raw))));
        expect(readable(closure.raw)).toContain('Fixed by the crew this morning');

        // The case page shows the photo and the closure, and no trace of the reporter's address.
        await page.click(`text=See report #${id}`);
        await page.waitForSelector('#closure-note');
        expect(await page.content()).not.toContain(email);
        await step(page, `${width}-5-case-closed`);
      } finally {
        await page.close();
      }
    },
    90_000,
  );

  it.each(WIDTHS)(
    'at %i px: a nearby open case is offered, and following it makes no new case',
    async (width) => {
      const seeded = await svc.ctx.intake.submit({
        channel: 'open311',
        providerMessageId: `seed-${width}`,
        reporter: { address: 'app' },
        text: 'Graffiti on the wall of the bank',
        media: [],
        location: { lat: 42.352392, lon: -71.0645 },
        address: 'Tremont St & Boylston St',
        serviceCode: 'graffiti',
        raw: {},
      });
      const existing = seeded.case.service_request_id;
      const before = await count();
      const page = await browser.newPage({ viewport: { width, height: 900 } });
      try {
        await page.goto(`${svc.url}/report`);
        await page.fill('#f-address', 'Tremont St and Boylston St');
        await page.fill('#f-description', 'Someone sprayed graffiti on the bank wall');
        await page.fill('#f-phone', '617 555 0199');
        await page.click('button[value=review]');
        await page.waitForSelector('#nearby-title');
        await step(page, `${width}-6-nearby`);
        await page.click(`button[name=follow][value="${existing}"]`);
        await page.waitForSelector(`text=You are following report #${existing}`);
        await step(page, `${width}-7-followed`);
        expect(await count()).toBe(before);
        const subs = await db.query("SELECT channel, role FROM subscriptions WHERE case_id = $1 AND address = '+16175550199'", [existing]);
        expect(subs.rows).toEqual([{ channel: 'sms', role: 'follower' }]);
      } finally {
        await page.close();
      }
    },
    60_000,
  );

  it('with JavaScript: an address suggestion, "use my location" and a pin on the map each fill the place', async () => {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      permissions: ['geolocation'],
      geolocation: { latitude: 42.36029, longitude: -71.058148 },
    });
    const page = await context.newPage();
    try {
      await page.goto(`${svc.url}/report?lang=es`);
      expect(await page.getAttribute('.leaflet-control-zoom-in', 'title')).toBe('Acercar');
      await page.fill('#f-address', '45 Main St');
      await page.waitForFunction(() => document.querySelector('#address-suggestions option')?.getAttribute('value')?.includes('Charlestown'));
      await page.click('#use-location');
      await page.waitForFunction(() => (document.getElementById('f-address') as HTMLInputElement).value.includes('City Hall'));
      expect(await page.textContent('#locate-status')).toContain('Marcador en');
      await page.click('#report-map', { position: { x: 300, y: 110 } });
      await page.waitForFunction(() => !(document.getElementById('f-address') as HTMLInputElement).value.includes('City Hall'));
      expect(await page.inputValue('input[name=lat]')).toMatch(/^42\.\d+$/);
      await step(page, '1280-11-es-located');
    } finally {
      await context.close();
    }
  }, 60_000);

  it.each(WIDTHS)(
    'at %i px with JavaScript off: errors beside the fields, typed words kept, then a tracking number',
    async (width) => {
      const context = await browser.newContext({ viewport: { width, height: 900 }, javaScriptEnabled: false });
      const page = await context.newPage();
      try {
        await page.goto(`${svc.url}/report`);
        // Without the script, the map and "use my location" stay hidden: the typed address is the way.
        expect(await page.isVisible('#use-location')).toBe(false);
        await page.fill('#f-address', '12 Elm St');
        await page.fill('#f-email', 'not an email');
        await page.click('button[value=review]');
        await page.waitForSelector('#error-summary');
        expect(await page.textContent('#f-description-error')).toContain('Describe the problem');
        expect(await page.textContent('#f-email-error')).toContain('email address');
        expect(await page.inputValue('#f-address')).toBe('12 Elm St');
        await step(page, `${width}-8-nojs-errors`, true);
        await page.fill('#f-description', 'Tree branch hanging over the sidewalk');
        await page.fill('#f-email', '');
        await page.selectOption('#f-service_code', 'tree');
        await page.click('button[value=review]');
        await page.waitForSelector('#send');
        await step(page, `${width}-9-nojs-review`, true);
        await page.click('#send');
        await page.waitForSelector('#tracking-number');
        await step(page, `${width}-10-nojs-sent`, true);
      } finally {
        await context.close();
      }
    },
    60_000,
  );
});
