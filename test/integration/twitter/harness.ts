import { twitterChannel } from '../../../channels/twitter';
import { FakeXApi } from '../../fakes/x-api';
import fixture from '../../fixtures/twitter/mentions.json';
import { type TestContext, testContext } from '../../support/context';
import { freshPgDatabase } from '../../support/db';
import { KeywordClassifier } from '../../support/keyword-classifier';

export const CITY_USER_ID = '311000';
export const FIXTURE = fixture;

/** The env that puts the channel in live mode against the fake X server. */
export function liveEnv(fake: FakeXApi, extra: Record<string, string> = {}): Record<string, string> {
  return {
    TWITTER_APP_KEY: 'fake-app-key',
    TWITTER_APP_SECRET: 'fake-app-secret',
    TWITTER_ACCESS_TOKEN: 'fake-access-token',
    TWITTER_ACCESS_SECRET: 'fake-access-secret',
    TWITTER_USER_ID: CITY_USER_ID,
    TWITTER_HANDLE: 'BOS311',
    TWITTER_API_BASE_URL: fake.url,
    PUBLIC_BASE_URL: 'https://311.example.org',
    ...extra,
  };
}

export interface Harness {
  db: Awaited<ReturnType<typeof freshPgDatabase>>;
  fake: FakeXApi;
  ctx: TestContext;
  /** Another process on the same database (a restarted worker). */
  restart(): Promise<TestContext>;
  count(sql: string, params?: unknown[]): Promise<number>;
  close(): Promise<void>;
}

/** A fresh schema on the real PostgreSQL, a fake X, and a live-mode context with only the Twitter channel. */
export async function startHarness(extraEnv: Record<string, string> = {}, live = true): Promise<Harness> {
  const db = await freshPgDatabase();
  const fake = await new FakeXApi().start();
  const contexts: TestContext[] = [];
  const make = async () => {
    // The fixture's reports name a sign and a mattress: the test classifier is sure of them, so they are filed at once.
    const classifier = new KeywordClassifier({ 'sign-signal': ['sign'], 'litter-dumping': ['mattress'] });
    const c = await testContext(db, { env: live ? liveEnv(fake, extraEnv) : extraEnv, channels: [twitterChannel], classifier });
    contexts.push(c);
    return c;
  };
  const ctx = await make();
  return {
    db,
    fake,
    ctx,
    restart: make,
    count: async (sql, params) => Number((await db.query<{ n: number }>(sql, params)).rows[0].n),
    close: async () => {
      for (const c of contexts) await c.queue.close();
      await fake.stop();
      await db.close();
    },
  };
}
