import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { getCase } from '../../src/storage/cases-repo';
import { type RunningService, startService } from '../integration/try/server';
import { freshPgDatabase } from '../support/db';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = path.join(__dirname, '..', '..', 'test-artifacts', 'try');

/** Sends one text from the SMS pane and waits for the service's next reply bubble matching `reply`. */
async function text(page: Page, body: string, reply: RegExp): Promise<string> {
  const before = await page.locator('#sms-thread .bubble.in').count();
  await page.fill('#sms-body', body);
  await page.click('#sms-form button[type=submit]');
  const bubble = page.locator('#sms-thread .bubble.in').nth(before);
  await bubble.waitFor();
  const got = (await bubble.textContent()) ?? '';
  expect(got).toMatch(reply);
  return got;
}

/**
 * Reports a pothole by SMS the way a resident would: one text naming the problem and the place, then YES to the place
 * read back (in one exchange). `readBack` is the place question in the resident's language.
 */
async function reportBySms(page: Page, description: string, readBack: RegExp, thanks: RegExp): Promise<number> {
  await text(page, description, readBack);
  const done = await text(page, 'yes', thanks);
  return Number(/#(\d{6,})/.exec(done)![1]);
}

describe('/try in a browser', () => {
  let db: Awaited<ReturnType<typeof freshPgDatabase>>;
  let svc: RunningService;
  let browser: BrowserContext;
  let page: Page;
  let profile: string;

  beforeAll(async () => {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    db = await freshPgDatabase();
    svc = await startService(db);
    profile = fs.mkdtempSync(path.join(os.tmpdir(), 'intake311-chromium-'));
    browser = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
      viewport: { width: 1400, height: 1000 },
    });
    page = browser.pages()[0] ?? (await browser.newPage());
    page.setDefaultTimeout(10000);
    await page.goto(`${svc.url}/try`);
    await page.waitForSelector('body[data-ready=true]');
  });
  afterAll(async () => {
    await browser?.close();
    await svc?.stop();
    await db?.close();
    fs.rmSync(profile, { recursive: true, force: true });
  });

  it('reports a pothole by text in English and gets a tracking number', async () => {
    const id = await reportBySms(
      page,
      'There is a big pothole in front of 12 Elm St',
      /^12 Elm St, Charlestown\? Reply YES or send the right place\.$/,
      /Thanks! Your report \(Pothole\) is #\d{6,}/,
    );
    expect(await getCase(db, id)).toMatchObject({ channel: 'sms', language: 'en', service_code: 'pothole' });
    await page.locator(`#staff-cases [data-case="${id}"]`).waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, '1-sms-english.png'), fullPage: true });
  });

  it('reports one in Spanish as a new resident and is answered in Spanish', async () => {
    await page.click('[data-new-address=sms]');
    await page.waitForFunction(() => document.querySelectorAll('#sms-thread .bubble').length === 0);
    const id = await reportBySms(
      page,
      'Hay un bache enorme en la calle Oak 40, por favor',
      /^¿40 Oak St, .*\? Responda SÍ o envíe el lugar correcto\.$/,
      /¡Gracias! Reporte #\d{6,}/,
    );
    expect(await getCase(db, id)).toMatchObject({ channel: 'sms', language: 'es', service_code: 'pothole' });
    await page.screenshot({ path: path.join(ARTIFACTS, '2-sms-spanish.png'), fullPage: true });

    // Staff close the Spanish resident's case in the panel; the closure alert arrives in the open thread.
    const row = page.locator(`#staff-cases [data-case="${id}"]`);
    await row.locator('button', { hasText: 'Close' }).click();
    await row.locator('[name=note]').fill('Bache reparado hoy');
    await row.locator('[name=photo]').fill('https://example.org/fixed.jpg');
    await row.locator('button[type=submit]').click();
    await row.locator('.status', { hasText: /^closed$/ }).waitFor();
    const alert = page.locator('#sms-thread .bubble.alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain(String(id));
    expect(await alert.getAttribute('data-kind')).toBe('case_closed');
    expect(await getCase(db, id)).toMatchObject({
      status: 'closed',
      status_notes: 'Bache reparado hoy',
      closure_media_url: 'https://example.org/fixed.jpg',
    });
    await page.screenshot({ path: path.join(ARTIFACTS, '3-closure-alert.png'), fullPage: true });
  });

  it('calls 311 with the keypad and a spoken description and hears a tracking number', async () => {
    const prompts = page.locator('#voice-thread .bubble.prompt');
    const hear = (pattern: RegExp) => prompts.filter({ hasText: pattern }).last().waitFor();
    const say = async (words: string) => {
      await page.locator('#voice-said:enabled').waitFor();
      await page.fill('#voice-said', words);
      await page.click('#voice-speech button[type=submit]');
    };
    const press = async (key: string) => {
      await page.locator(`#voice-keypad [data-key="${key}"]:enabled`).waitFor();
      await page.click(`#voice-keypad [data-key="${key}"]`);
    };
    await page.click('#voice-call');
    await hear(/For English, press 1/);
    await press('1');
    await hear(/Describe the problem/);
    await say('The streetlight is out on my corner');
    await hear(/say the address/);
    await say('40 Oak Street');
    // Read back as the geocoder understood it.
    await hear(/We heard: 40 Oak St, /);
    await press('1');
    await hear(/this is about: .*press 1/);
    await press('1');
    await hear(/tracking number is/);
    const spoken =
      (await prompts
        .filter({ hasText: /tracking number is/ })
        .first()
        .textContent()) ?? '';
    const id = Number(/tracking number is: ([\d, ]+)\./.exec(spoken)![1].replace(/\D/g, ''));
    expect(await getCase(db, id)).toMatchObject({ channel: 'voice', address: '40 Oak St, Hyde Park 02136' });
    await page.screenshot({ path: path.join(ARTIFACTS, '5-voice-call.png'), fullPage: true });
    await page.click('#voice-hangup');
    await page.locator('#voice-thread .bubble.system', { hasText: 'call ended' }).waitFor();
  });

  it('tweets a report at the city and sees the reply in the thread', async () => {
    await page.fill('#tweet-text', 'Graffiti all over the bus stop at 45 Main St');
    await page.click('#tweet-form button[type=submit]');
    const reply = page.locator('#tweet-thread .bubble.in');
    await reply.first().waitFor();
    const text = (await reply.first().textContent()) ?? '';
    const id = Number(/#?(\d{6,})/.exec(text)![1]);
    expect(await getCase(db, id)).toMatchObject({ channel: 'twitter', service_code: 'graffiti' });
    await page.screenshot({ path: path.join(ARTIFACTS, '6-tweet.png'), fullPage: true });
  });

  it('fits a phone screen', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: path.join(ARTIFACTS, '4-phone.png') });
  });
});
