import fs from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { open311Channel } from '../../channels/open311';
import type { InboundReport } from '../../src/domain/types';
import { createApp } from '../../src/http/app';
import { type TestContext, testContext } from '../support/context';
import { freshPgDatabase } from '../support/db';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = path.resolve(__dirname, '../../test-artifacts');
const PII = ['+16175550100', 'resident_handle', 'Ana Diaz', 'ana@example.org', '617-555-0123'];
const haveChromium = fs.existsSync(CHROMIUM);

function report(id: string, o: Partial<InboundReport> = {}): InboundReport {
  return {
    channel: 'sms',
    providerMessageId: id,
    reporter: { address: '+16175550100', handle: 'resident_handle', name: 'Ana Diaz', email: 'ana@example.org' },
    text: 'Streetlight out at the corner, text me 617-555-0123',
    media: [],
    location: { lat: 42.3601, lon: -71.0589 },
    address: '1 City Hall Sq',
    serviceCode: 'streetlight',
    raw: {},
    ...o,
  };
}

if (!haveChromium) {
  // eslint-disable-next-line no-console
  console.warn(`browser test skipped: ${CHROMIUM} is missing (apt-get install -y chromium)`);
}

(haveChromium ? describe : describe.skip)('public site in headless Chromium', () => {
  let ctx: TestContext;
  let db: Awaited<ReturnType<typeof freshPgDatabase>>;
  let server: Server;
  let base: string;
  let browser: Browser;

  beforeAll(async () => {
    db = await freshPgDatabase();
    // Tiles point at a closed local port: as with no internet, the map cannot load and the list must still work.
    ctx = await testContext(db, {
      channels: [open311Channel],
      env: { MAP_TILE_URL: 'http://127.0.0.1:9/{z}/{x}/{y}.png', PUBLIC_STREAM_POLL_MS: '500' },
    });
    server = createApp(ctx, [open311Channel]).listen(0);
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    await ctx.intake.submit(report('b-1'));
    await ctx.intake.submit(
      report('b-2', {
        serviceCode: 'graffiti',
        text: 'Graffiti on the library wall',
        location: { lat: 42.352, lon: -71.064 },
        address: '700 Boylston St',
      }),
    );
    await ctx.intake.submit(report('b-3', { serviceCode: 'noise', text: 'private matter', public: false }));
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
    fs.mkdirSync(ARTIFACTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    server?.closeAllConnections();
    await new Promise((r) => server?.close(r));
    await ctx?.queue.close();
    await db?.close();
  });

  it('renders the list on a phone, adds a new case from the stream without reload, and shows no personal details', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 });
    await page.goto(`${base}/`);
    await page.waitForSelector('.case');
    expect(await page.locator('.case').count()).toBe(2);
    await page.evaluate(() => ((window as unknown as { loadedOnce: boolean }).loadedOnce = true));

    const { case: created } = await ctx.intake.submit(
      report('b-4', { serviceCode: 'pothole', text: 'New pothole by the school', location: { lat: 42.355, lon: -71.06 }, address: '40 School St' }),
    );
    const item = page.locator(`#case-${created.service_request_id}`);
    await item.waitFor({ timeout: 10_000 });
    expect(await item.locator('[data-f="name"]').textContent()).toBe('Pothole');
    expect(await item.locator('[data-f="description"]').textContent()).toBe('New pothole by the school');
    expect(await page.evaluate(() => (window as unknown as { loadedOnce?: boolean }).loadedOnce)).toBe(true);
    expect(await page.locator('.case').first().getAttribute('id')).toBe(`case-${created.service_request_id}`);

    const text = await page.content();
    for (const p of PII) expect(text).not.toContain(p);
    expect(text).not.toContain('private matter');
    await page.screenshot({ path: path.join(ARTIFACTS, 'public-home-phone.png'), fullPage: true });
    await page.close();
  });

  it('keeps the list usable on a desktop when map tiles cannot load, and shows the case page in Spanish', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${base}/?lang=es`);
    await page.locator('#map-note').waitFor({ state: 'visible', timeout: 10_000 });
    expect(await page.locator('.leaflet-interactive').count()).toBeGreaterThanOrEqual(2);
    await page.screenshot({ path: path.join(ARTIFACTS, 'public-home-desktop-es.png') });
    await page.locator('.case-link').first().click();
    await page.waitForSelector('h1');
    expect(await page.locator('h1').textContent()).toMatch(/^Reporte #\d+: /);
    await page.close();
  });

  it('serves well-formed XML for the Atom feed and the Open311 documents', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/`);
    const results = await page.evaluate(
      async (paths) => {
        const out: Record<string, string> = {};
        for (const p of paths) {
          const doc = new DOMParser().parseFromString(await (await fetch(p)).text(), 'application/xml');
          out[p] = doc.getElementsByTagName('parsererror').length
            ? 'parsererror'
            : `${doc.documentElement.namespaceURI ?? ''} ${doc.documentElement.localName}`;
        }
        return out;
      },
      ['/feed.atom', '/open311/v2/requests.xml', '/open311/v2/services.xml', '/open311/v2/services/pothole.xml', '/open311/v2/discovery.xml'],
    );
    expect(results).toEqual({
      '/feed.atom': 'http://www.w3.org/2005/Atom feed',
      '/open311/v2/requests.xml': ' service_requests',
      '/open311/v2/services.xml': ' services',
      '/open311/v2/services/pothole.xml': ' service_definition',
      '/open311/v2/discovery.xml': ' discovery',
    });
    await page.close();
  });
});
