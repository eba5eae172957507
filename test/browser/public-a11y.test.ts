import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { createApp } from '../../src/http/app';
import { axeViolations, haveChromium, launchChromium } from '../support/browser';
import { type TestContext, testContext } from '../support/context';
import { freshPgDatabase } from '../support/db';
import { locales } from '../support/locales';

/**
 * Every public page, in every shipped language, on a 360 px phone: no sideways scrolling, no axe violations (WCAG 2.1
 * A/AA), and the Spanish page speaks Spanish in the map's controls and its keyword. /try gets the axe check too.
 */
(haveChromium ? describe : describe.skip)('public pages: phone width, Spanish, accessibility', () => {
  let ctx: TestContext;
  let db: Awaited<ReturnType<typeof freshPgDatabase>>;
  let server: Server;
  let base: string;
  let browser: Browser;
  let caseId: string;

  beforeAll(async () => {
    db = await freshPgDatabase();
    ctx = await testContext(db, { env: { MAP_TILE_URL: 'http://127.0.0.1:9/{z}/{x}/{y}.png', TIME_ZONE: 'America/New_York' } });
    server = createApp(ctx, ctx.channels).listen(0);
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const { case: created } = await ctx.intake.submit({
      channel: 'open311',
      providerMessageId: 'a11y-1',
      reporter: { address: 'app' },
      text: 'Streetlight out at the corner',
      media: [],
      location: { lat: 42.3601, lon: -71.0589 },
      address: '1 City Hall Sq',
      serviceCode: 'streetlight',
      raw: {},
    });
    caseId = String(created.service_request_id);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    server?.closeAllConnections();
    await new Promise((r) => server?.close(r));
    await ctx?.queue.close();
    await db?.close();
  });

  const pages = (lang: string) => [`/?lang=${lang}`, `/cases/${caseId}?lang=${lang}`, `/report?lang=${lang}`];

  it.each(locales.codes)(
    '%s: the home, case and report pages fit 360 px, say their language and direction, and have no axe violations',
    async (lang) => {
      const page = await browser.newPage({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 1 });
      try {
        for (const url of pages(lang)) {
          await page.goto(`${base}${url}`);
          await page.waitForSelector('main');
          await page.waitForTimeout(300);
          const html = await page.evaluate(() => ({ lang: document.documentElement.lang, dir: document.documentElement.dir }));
          expect({ url, ...html }).toEqual({ url, lang, dir: lang === 'ar' ? 'rtl' : 'ltr' });
          // The switcher lists every language by its own name, this one marked current.
          const current = await page.getAttribute('nav.lang a[aria-current="page"]', 'hreflang');
          expect({ url, current }).toEqual({ url, current: lang });
          expect(await page.locator('nav.lang a').count()).toBe(locales.codes.length);
          const width = await page.evaluate(() => document.documentElement.scrollWidth);
          expect({ url, width }).toEqual({ url, width: 360 });
          expect({ url, violations: await axeViolations(page) }).toEqual({ url, violations: [] });
        }
      } finally {
        await page.close();
      }
    },
  );

  it('the Spanish pages name the map controls and the SMS keyword in Spanish', async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
    try {
      await page.goto(`${base}/?lang=es`);
      await page.waitForSelector('.leaflet-control-zoom-in');
      expect(await page.getAttribute('.leaflet-control-zoom-in', 'title')).toBe('Acercar');
      expect(await page.getAttribute('.leaflet-control-zoom-out', 'title')).toBe('Alejar');
      await page.goto(`${base}/cases/${caseId}?lang=es`);
      const text = await page.textContent('main');
      expect(text).toContain(`SEGUIR ${caseId}`);
      expect(text).not.toContain('FOLLOW');
    } finally {
      await page.close();
    }
  });

  it('/try keeps keyboard focus after Call and after closing a case', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const focusIn = () =>
      page.evaluate(() => {
        const a = document.activeElement;
        return a && a !== document.body ? (a.closest('[id]')?.id ?? a.tagName) : 'body';
      });
    try {
      await page.goto(`${base}/try`);
      await page.focus('#voice-call');
      await page.keyboard.press('Enter');
      await page.locator('#voice-thread .bubble.prompt', { hasText: /For English, press 1/ }).waitFor({ timeout: 8000 });
      // The Call button is disabled once connected: focus moved to the keypad, not to the page.
      expect(await page.evaluate(() => document.activeElement?.closest('#voice-keypad') !== null)).toBe(true);

      await page.fill('#tweet-text', 'Graffiti all over the bus stop at 45 Main St');
      await page.click('#tweet-form button[type=submit]');
      // The case opens at intake (no worker runs here to send the reply); the staff pane lists it once refreshed.
      const open = page.locator('#staff-cases li.case button.link').first();
      for (let i = 0; i < 40 && !(await open.isVisible()); i++) {
        await page.click('#staff-refresh');
        await page.waitForTimeout(250);
      }
      const id = await open.evaluate((b) => b.closest('li')!.getAttribute('data-case'));
      await open.click();
      await page.fill('#staff-cases [name=note]', 'Painted over');
      await page.keyboard.press('Enter');
      await page.locator(`#staff-cases li[data-case="${id}"] .status.closed`).waitFor({ timeout: 8000 });
      await page.waitForFunction((caseId) => document.activeElement?.getAttribute('data-case') === caseId, id, { timeout: 8000 });
      expect(await focusIn()).not.toBe('body');
    } finally {
      await page.close();
    }
  }, 90_000);

  it('/try has no axe violations', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    try {
      await page.goto(`${base}/try`);
      await page.waitForSelector('main, body');
      await page.waitForTimeout(300);
      expect(await axeViolations(page)).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
