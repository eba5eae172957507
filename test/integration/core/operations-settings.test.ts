import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { loadConfig } from '../../../src/config';
import { createApp } from '../../../src/http/app';
import { formatDate } from '../../../src/public/i18n';
import { startWeb } from '../../../src/runtime';
import { testContext } from '../../support/context';
import { freshPgliteDatabase } from '../../support/db';

const TOKEN = 'scrape-me-please-0123456789';

describe('operator settings: METRICS_TOKEN, HOST, TIME_ZONE', () => {
  it('METRICS_TOKEN: /metrics answers 401 without the bearer token and the figures with it; health stays open', async () => {
    const db = await freshPgliteDatabase();
    const ctx = await testContext(db, { env: { METRICS_TOKEN: TOKEN } });
    try {
      const app = createApp(ctx, ctx.channels);
      const anonymous = await request(app).get('/metrics');
      expect(anonymous.status).toBe(401);
      expect(anonymous.text).not.toContain('intake311_');
      expect((await request(app).get('/metrics').set('Authorization', 'Bearer wrong-token-0123456789')).status).toBe(401);
      const scraper = await request(app).get('/metrics').set('Authorization', `Bearer ${TOKEN}`);
      expect(scraper.status).toBe(200);
      expect(scraper.text).toContain('intake311_');
      expect((await request(app).get('/healthz')).status).toBe(200);
    } finally {
      await ctx.queue.close();
      await db.close();
    }
  });

  it('HOST: the web process binds only the address given', async () => {
    const db = await freshPgliteDatabase();
    const ctx = await testContext(db, { env: { HOST: '127.0.0.1', REDIS_URL: '' } });
    const web = await startWeb(ctx, []);
    try {
      expect((web.server.address() as AddressInfo).address).toBe('127.0.0.1');
    } finally {
      await web.stop();
      await ctx.queue.close();
      await db.close();
    }
  });

  it('bad values stop the boot naming the variable', () => {
    expect(() => loadConfig({ TIME_ZONE: 'Mars/Olympus' })).toThrow('TIME_ZONE must be an IANA time zone');
    expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow('METRICS_TOKEN must be at least 16 characters');
    expect(() => loadConfig({ HOST: 'a b' })).toThrow('HOST must be an IP address');
    expect(loadConfig({ TIME_ZONE: 'America/Chicago' }).timeZone).toBe('America/Chicago');
  });

  it('TIME_ZONE: public dates read in the city zone, whatever the server runs in', () => {
    const noonUtc = new Date('2026-07-01T12:00:00Z');
    expect(formatDate(noonUtc, 'en', 'America/Chicago')).toContain('7:00');
    expect(formatDate(noonUtc, 'en', 'America/Los_Angeles')).toContain('5:00');
    expect(formatDate(noonUtc, 'es', 'America/New_York')).toMatch(/8:00/);
  });
});
