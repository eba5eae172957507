import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Browser, chromium } from 'playwright-core';
import { open311Channel } from '../../channels/open311';
import { createApp } from '../../src/http/app';
import type { Database } from '../../src/storage/database';
import { createToken } from '../../src/storage/tokens-repo';
import { type TestContext, testContext } from '../support/context';
import { freshPgDatabase } from '../support/db';

const CHROMIUM = '/usr/bin/chromium';
const haveChromium = fs.existsSync(CHROMIUM);

const listen = async (handler: http.RequestListener): Promise<{ server: http.Server; url: string }> => {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
};

/** What the app on another origin manages to read from its POST: the tracking number, or the browser's refusal. */
interface Seen {
  ok: boolean;
  id?: string;
  replayed?: string | null;
  error?: string;
}

/** A browser app served from another origin posts a report to the API (JSON, with Idempotency-Key: a preflight). */
(haveChromium ? describe : describe.skip)('a browser app on another origin', () => {
  let db: Database;
  let browser: Browser;
  const closers: (() => Promise<unknown>)[] = [];

  async function api(env: Record<string, string>): Promise<{ url: string; key: string }> {
    const ctx: TestContext = await testContext(db, { channels: [open311Channel], env });
    const { server, url } = await listen(createApp(ctx, [open311Channel]));
    closers.push(
      () => new Promise((r) => server.close(r)),
      () => ctx.queue.close(),
    );
    return { url, key: await createToken(db, 'browser app', 'open311') };
  }

  beforeAll(async () => {
    db = await freshPgDatabase();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
    });
  });
  afterAll(async () => {
    for (const close of closers.reverse()) await close();
    await browser?.close();
    await db?.close();
  });

  async function postFromApp(target: { url: string; key: string }): Promise<{ seen: Seen; origin: string }> {
    const app = await listen((_req, res) => res.setHeader('Content-Type', 'text/html').end('<!doctype html><title>app</title>'));
    closers.push(() => new Promise((r) => app.server.close(r)));
    // localhost and 127.0.0.1 are different origins: the page's requests to the API are cross-origin.
    const origin = app.url.replace('127.0.0.1', 'localhost');
    const page = await browser.newPage();
    await page.goto(origin);
    const seen = await page.evaluate(async ({ url, key }): Promise<Seen> => {
      try {
        const res = await fetch(`${url}/open311/v2/requests.json`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'Idempotency-Key': 'browser-1' },
          body: JSON.stringify({ api_key: key, service_code: 'pothole', address_string: '1 Browser Way' }),
        });
        const body = await res.json();
        return { ok: res.ok, id: body[0].service_request_id, replayed: res.headers.get('Idempotent-Replayed') };
      } catch (err) {
        return { ok: false, error: String(err) };
      }
    }, target);
    await page.close();
    return { seen, origin };
  }

  it('reads the tracking number of the case it created (default OPEN311_CORS_ORIGINS=*)', async () => {
    const { seen } = await postFromApp(await api({}));
    expect(seen).toEqual({ ok: true, id: expect.stringMatching(/^\d+$/), replayed: 'false' });
  });

  it('is refused by the browser when its origin is not in OPEN311_CORS_ORIGINS', async () => {
    const { seen } = await postFromApp(await api({ OPEN311_CORS_ORIGINS: 'https://app.example.org' }));
    expect(seen.ok).toBe(false);
    expect(seen.error).toMatch(/TypeError/);
  });
});
