import path from 'node:path';
import { ConfigError, loadConfig } from '../../../src/config';

describe('configuration', () => {
  it('defaults to embedded, simulated everything on port 3000', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 3000, publicBaseUrl: 'http://localhost:3000', database: {}, redis: { prefix: 'intake311' } });
    expect(c.dataDir).toBe(path.resolve('./data'));
    expect(c.twilio.mode).toBe('simulated');
    expect(c.twitter.mode).toBe('simulated');
    expect(c.google.mode).toBe('fallback');
    expect(c.voiceTranscriptionSweepSeconds).toBe(30);
  });

  it('names the variable that is wrong', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL must start with postgres/);
    expect(() => loadConfig({ PUBLIC_BASE_URL: 'not a url' })).toThrow(/PUBLIC_BASE_URL/);
    expect(() => loadConfig({ TWITTER_POLL_SECONDS: '0' })).toThrow(/TWITTER_POLL_SECONDS/);
    expect(() => loadConfig({ VOICE_TRANSCRIPTION_SWEEP_SECONDS: '0' })).toThrow(/VOICE_TRANSCRIPTION_SWEEP_SECONDS/);
  });

  it('stops when a channel has only part of its credentials, naming what is missing', () => {
    expect(() => loadConfig({ TWILIO_ACCOUNT_SID: 'AC1', TWILIO_AUTH_TOKEN: 'secret' })).toThrow(ConfigError);
    expect(() => loadConfig({ TWILIO_ACCOUNT_SID: 'AC1', TWILIO_AUTH_TOKEN: 'secret' })).toThrow(/TWILIO_PHONE_NUMBER is missing/);
    expect(() => loadConfig({ TWITTER_APP_KEY: 'k' })).toThrow(/TWITTER_APP_SECRET, .*are missing/);
  });

  it('goes live with full credentials and keeps the public URL from configuration', () => {
    const c = loadConfig({
      TWILIO_ACCOUNT_SID: 'AC1',
      TWILIO_AUTH_TOKEN: 'secret',
      TWILIO_PHONE_NUMBER: '+16175550311',
      PUBLIC_BASE_URL: 'https://311.example.gov/',
    });
    expect(c.twilio).toMatchObject({ mode: 'live', accountSid: 'AC1', phoneNumber: '+16175550311' });
    expect(c.publicBaseUrl).toBe('https://311.example.gov');
  });

  it('bounds every wait on the database, with settings to change the bounds', () => {
    expect(loadConfig({}).database).toEqual({
      poolSize: 10,
      connectTimeoutMs: 5000,
      statementTimeoutMs: 5000,
      idleInTransactionTimeoutMs: 10000,
      parallelWorkers: 0,
      randomPageCost: 1.1,
    });
    expect(loadConfig({ DATABASE_STATEMENT_TIMEOUT_MS: '800', DATABASE_POOL_SIZE: '3' }).database).toMatchObject({
      statementTimeoutMs: 800,
      poolSize: 3,
    });
    expect(loadConfig({}).readyTimeoutMs).toBe(1500);
    expect(() => loadConfig({ DATABASE_CONNECT_TIMEOUT_MS: '0' })).toThrow(/DATABASE_CONNECT_TIMEOUT_MS/);
    expect(() => loadConfig({ DATABASE_POOL_SIZE: 'many' })).toThrow(/DATABASE_POOL_SIZE/);
  });

  it('reads rate limits as count/seconds or off', () => {
    const c = loadConfig({ RATE_LIMIT_SMS: '5/60', RATE_LIMIT_CALLS: 'off' });
    expect(c.rateLimits).toEqual({
      authFailures: { points: 20, seconds: 300 },
      open311Posts: { points: 300, seconds: 60 },
      smsMessages: { points: 5, seconds: 60 },
      calls: undefined,
      mentions: { points: 30, seconds: 600 },
      webReports: { points: 10, seconds: 600 },
      webLookups: { points: 120, seconds: 60 },
    });
    expect(() => loadConfig({ RATE_LIMIT_OPEN311_POSTS: '100 per minute' })).toThrow(/RATE_LIMIT_OPEN311_POSTS must be "<count>\/<seconds>"/);
    expect(() => loadConfig({ RATE_LIMIT_SMS: '0/60' })).toThrow(/RATE_LIMIT_SMS/);
  });

  it('trusts X-Forwarded-For only from proxies on loopback and private networks unless told otherwise', () => {
    expect(loadConfig({}).trustProxy).toBe('loopback, linklocal, uniquelocal');
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(() => loadConfig({ TRUST_PROXY: 'any;thing' })).toThrow(/TRUST_PROXY/);
  });

  it('treats blank variables as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', REDIS_URL: '  ' }).database.url).toBeUndefined();
  });
});
