import type { AddressInfo } from 'node:net';
import type { ChannelModule, Stop } from '../../../src/channels/channel';
import { startWeb } from '../../../src/runtime';
import type { Database } from '../../../src/storage/database';
import { type TestContext, testContext } from '../../support/context';
import { freshPgDatabase } from '../../support/db';

/** A running service (web and in-process workers) on a loopback port, as `npx intake311 serve` runs it. */
export interface RunningService {
  ctx: TestContext;
  url: string;
  stop: Stop;
}

/**
 * Starts the whole service on port 0 over `db`; `env` may set vendor credentials to make channels live, and
 * `channels` replace the registry's.
 */
export async function startService(db: Database, env: Record<string, string> = {}, channels?: readonly ChannelModule[]): Promise<RunningService> {
  const ctx = await testContext(db, { env: { OUTBOX_POLL_MS: '50', ...env }, channels });
  const { server, stop } = await startWeb(ctx, ctx.channels);
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    ctx,
    url,
    stop: async () => {
      await stop();
      await ctx.queue.close();
    },
  };
}

/**
 * For a describe block: a fresh PostgreSQL schema and the whole service on it, started before the block's tests
 * and stopped after. Read `suite.svc` and `suite.db` inside the tests.
 */
export function serviceForSuite(
  env: Record<string, string> = {},
  channels?: readonly ChannelModule[],
): { readonly svc: RunningService; readonly db: Database } {
  let db: Awaited<ReturnType<typeof freshPgDatabase>> | undefined;
  let svc: RunningService | undefined;
  beforeAll(async () => {
    db = await freshPgDatabase();
    svc = await startService(db, env, channels);
  });
  afterAll(async () => {
    await svc?.stop();
    await db?.close();
  });
  return {
    get svc() {
      return svc as RunningService;
    },
    get db() {
      return db as Database;
    },
  };
}

/** POSTs JSON and returns the status and parsed body. */
// biome-ignore lint/suspicious/noExplicitAny: tests read whatever JSON the service answered, field by field.
export async function postJson(url: string, body: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
}

/** Waits until `check` returns a value (polling the database or an API), or fails naming what it waited for. */
export async function eventually<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 10000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Real-looking Twilio credentials, pointed at a port where nothing listens (nothing is ever really sent). */
export const TWILIO_LIVE = {
  TWILIO_ACCOUNT_SID: `AC${'1'.repeat(32)}`,
  TWILIO_AUTH_TOKEN: 'live-token',
  TWILIO_PHONE_NUMBER: '+16175550311',
  TWILIO_API_BASE_URL: 'http://127.0.0.1:9',
};

/** Real-looking X credentials, likewise. */
export const X_LIVE = {
  TWITTER_APP_KEY: 'k',
  TWITTER_APP_SECRET: 's',
  TWITTER_ACCESS_TOKEN: 't',
  TWITTER_ACCESS_SECRET: 'ts',
  TWITTER_USER_ID: '42',
  TWITTER_HANDLE: 'RealCity',
  TWITTER_API_BASE_URL: 'http://127.0.0.1:9',
  TWITTER_POLL_SECONDS: '3600',
};
