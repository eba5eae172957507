import { z } from 'zod';
import path from 'node:path';
import { OperatorError } from './errors';
import type { GeoConfig } from './geo/create-geocoder';

/**
 * All configuration, read from the environment once at start-up and validated here.
 * Nothing else in the code reads process.env: it is handed a Config.
 */

const optionalString = z.string().trim().min(1).optional();
const optionalUrl = z.string().trim().url().optional();
const boolFlag = z.enum(['true', 'false', '1', '0', 'on', 'off', 'yes', 'no']).transform((v) => ['true', '1', 'on', 'yes'].includes(v));

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  PUBLIC_BASE_URL: optionalUrl,
  DATABASE_URL: z.string().trim().regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://').optional(),
  DATABASE_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]*$/, 'must be a lower-case SQL identifier').optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  REDIS_URL: z.string().trim().regex(/^rediss?:\/\//, 'must start with redis:// or rediss://').optional(),
  QUEUE_PREFIX: z.string().regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, - and _ only').default('intake311'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  CATALOG_PATH: optionalString,
  CLASSIFIER_MODEL_PATH: optionalString,
  TWILIO_ACCOUNT_SID: optionalString,
  TWILIO_AUTH_TOKEN: optionalString,
  TWILIO_PHONE_NUMBER: optionalString,
  TWILIO_API_BASE_URL: optionalUrl,
  TWITTER_APP_KEY: optionalString,
  TWITTER_APP_SECRET: optionalString,
  TWITTER_ACCESS_TOKEN: optionalString,
  TWITTER_ACCESS_SECRET: optionalString,
  TWITTER_USER_ID: optionalString,
  TWITTER_HANDLE: optionalString,
  TWITTER_API_BASE_URL: optionalUrl,
  TWITTER_POLL_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  TWITTER_FEED: boolFlag.default(true),
  TWITTER_FEED_SERVICE_CODES: optionalString,
  TWITTER_POSTS_PER_15_MIN: z.coerce.number().int().min(1).default(200),
  TWITTER_POSTS_PER_3_HOURS: z.coerce.number().int().min(1).default(300),
  GOOGLE_SPEECH_API_ENDPOINT: optionalString,
  GOOGLE_APPLICATION_CREDENTIALS: optionalString,
  DUPLICATE_RADIUS_METERS: z.coerce.number().min(0).max(5000).default(50),
  DUPLICATE_WINDOW_HOURS: z.coerce.number().min(0).max(24 * 365).default(72),
  CONVERSATION_TIMEOUT_MINUTES: z.coerce.number().min(1).max(24 * 60).default(30),
  TRY_PAGE: boolFlag.default(true),
  CONVERSATION_RETENTION_DAYS: z.coerce.number().min(1).max(3650).default(7),
  OUTBOX_POLL_MS: z.coerce.number().int().min(10).max(60000).default(1000),
  MAP_TILE_URL: z.string().default('https://tile.openstreetmap.org/{z}/{x}/{y}.png'),
  MAP_CENTER: z.string().regex(/^-?\d+(\.\d+)?,-?\d+(\.\d+)?$/, 'must be "lat,lon"').default('42.3601,-71.0589'),
  PUBLIC_STREAM_POLL_MS: z.coerce.number().int().min(100).max(60000).default(2000),
  GEO_DATA_DIR: optionalString,
  GEOCODER_URL: optionalUrl,
  GEOCODER_KIND: z.enum(['nominatim', 'photon']).optional(),
  GEOCODER_TIMEOUT_MS: z.coerce.number().int().min(100).max(30000).default(2000),
});

/** Twilio settings: live with real credentials, or simulated with a local secret. */
export type TwilioConfig =
  | { mode: 'live'; accountSid: string; authToken: string; phoneNumber: string; apiBaseUrl?: string }
  | { mode: 'simulated'; phoneNumber: string; apiBaseUrl?: string };

/** Twitter (X) settings: live with the city's account credentials, or simulated. */
export type TwitterConfig =
  | {
      mode: 'live';
      appKey: string;
      appSecret: string;
      accessToken: string;
      accessSecret: string;
      userId: string;
      handle: string;
      apiBaseUrl?: string;
      pollSeconds: number;
      feed: FeedConfig;
      postLimits: PostLimits;
    }
  | { mode: 'simulated'; handle: string; userId: string; apiBaseUrl?: string; pollSeconds: number; feed: FeedConfig; postLimits: PostLimits };

/** How many posts the city's account makes at most, below X's own limits (POST /2/tweets: 200 per 15 min, 300 per 3 h). */
export interface PostLimits {
  /** TWITTER_POSTS_PER_15_MIN, default 200. */
  per15Min: number;
  /** TWITTER_POSTS_PER_3_HOURS, default 300. */
  per3Hours: number;
}

/** Which cases the city's timeline posts about. */
export interface FeedConfig {
  enabled: boolean;
  /** Only these service codes are posted; undefined: all. */
  serviceCodes?: string[];
}

export interface Config {
  port: number;
  /** The URL the public reaches this service at, without a trailing slash. */
  publicBaseUrl: string;
  database: { url?: string; schema?: string };
  dataDir: string;
  redis: { url?: string; prefix: string };
  logLevel: string;
  catalogPath?: string;
  classifierModelPath?: string;
  twilio: TwilioConfig;
  twitter: TwitterConfig;
  google: { endpoint?: string; credentialsFile?: string; mode: 'live' | 'fallback' };
  duplicates: { radiusMeters: number; windowHours: number };
  conversationTimeoutMinutes: number;
  /** Whether /try and its simulator API are served (simulated channels only). Default true. */
  tryPage: boolean;
  /** Idle conversations (SMS threads, call state) are deleted after this many days. Default 7. */
  conversationRetentionDays: number;
  outboxPollMs: number;
  map: { tileUrl: string; center: [number, number] };
  /** How often the public live stream reads events other processes wrote (ms). Default 2000. */
  publicStreamPollMs: number;
  /** The geocoder's data folder and optional remote fallback. */
  geo: GeoConfig;
}

/** A configuration error that names the variable; start-up prints it and exits. */
export class ConfigError extends OperatorError {
  override name = 'ConfigError';
}

function allOrNone(env: Record<string, string | undefined>, names: string[], what: string): boolean {
  const set = names.filter((n) => env[n] !== undefined);
  if (set.length === 0) return false;
  if (set.length < names.length) {
    const missing = names.filter((n) => env[n] === undefined);
    throw new ConfigError(
      `${what}: ${set.join(', ')} ${set.length === 1 ? 'is' : 'are'} set but ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing; set all of them for live mode or none for simulated mode`,
    );
  }
  return true;
}

/** Reads and validates configuration. Throws ConfigError naming the first bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const cleaned: Record<string, string | undefined> = {};
  for (const key of Object.keys(EnvSchema.shape)) {
    const value = env[key];
    cleaned[key] = value === undefined || value.trim() === '' ? undefined : value;
  }
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`configuration: ${String(issue.path[0])} ${issue.message}`);
  }
  const e = parsed.data;
  const twilioLive = allOrNone(cleaned, ['TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN', 'TWILIO_PHONE_NUMBER'], 'Twilio');
  const twitterLive = allOrNone(
    cleaned,
    ['TWITTER_APP_KEY', 'TWITTER_APP_SECRET', 'TWITTER_ACCESS_TOKEN', 'TWITTER_ACCESS_SECRET', 'TWITTER_USER_ID', 'TWITTER_HANDLE'],
    'Twitter',
  );
  const feed: FeedConfig = {
    enabled: e.TWITTER_FEED,
    serviceCodes: e.TWITTER_FEED_SERVICE_CODES?.split(',').map((s) => s.trim()).filter(Boolean),
  };
  const postLimits: PostLimits = { per15Min: e.TWITTER_POSTS_PER_15_MIN, per3Hours: e.TWITTER_POSTS_PER_3_HOURS };
  const [lat, lon] = e.MAP_CENTER.split(',').map(Number);
  if (e.GEOCODER_KIND && !e.GEOCODER_URL) throw new ConfigError('configuration: GEOCODER_KIND is set but GEOCODER_URL is missing; set GEOCODER_URL or unset GEOCODER_KIND');
  return {
    port: e.PORT,
    publicBaseUrl: (e.PUBLIC_BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    database: { url: e.DATABASE_URL, schema: e.DATABASE_SCHEMA },
    dataDir: path.resolve(e.DATA_DIR),
    redis: { url: e.REDIS_URL, prefix: e.QUEUE_PREFIX },
    logLevel: e.LOG_LEVEL,
    catalogPath: e.CATALOG_PATH,
    classifierModelPath: e.CLASSIFIER_MODEL_PATH,
    twilio: twilioLive
      ? {
          mode: 'live',
          accountSid: e.TWILIO_ACCOUNT_SID!,
          authToken: e.TWILIO_AUTH_TOKEN!,
          phoneNumber: e.TWILIO_PHONE_NUMBER!,
          apiBaseUrl: e.TWILIO_API_BASE_URL,
        }
      : { mode: 'simulated', phoneNumber: e.TWILIO_PHONE_NUMBER ?? '+15550000311', apiBaseUrl: e.TWILIO_API_BASE_URL },
    twitter: twitterLive
      ? {
          mode: 'live',
          appKey: e.TWITTER_APP_KEY!,
          appSecret: e.TWITTER_APP_SECRET!,
          accessToken: e.TWITTER_ACCESS_TOKEN!,
          accessSecret: e.TWITTER_ACCESS_SECRET!,
          userId: e.TWITTER_USER_ID!,
          handle: e.TWITTER_HANDLE!.replace(/^@/, ''),
          apiBaseUrl: e.TWITTER_API_BASE_URL,
          pollSeconds: e.TWITTER_POLL_SECONDS,
          feed,
          postLimits,
        }
      : {
          mode: 'simulated',
          handle: (e.TWITTER_HANDLE ?? 'City311').replace(/^@/, ''),
          userId: e.TWITTER_USER_ID ?? '311000000',
          apiBaseUrl: e.TWITTER_API_BASE_URL,
          pollSeconds: e.TWITTER_POLL_SECONDS,
          feed,
          postLimits,
        },
    google: {
      endpoint: e.GOOGLE_SPEECH_API_ENDPOINT,
      credentialsFile: e.GOOGLE_APPLICATION_CREDENTIALS,
      mode: e.GOOGLE_SPEECH_API_ENDPOINT || e.GOOGLE_APPLICATION_CREDENTIALS ? 'live' : 'fallback',
    },
    duplicates: { radiusMeters: e.DUPLICATE_RADIUS_METERS, windowHours: e.DUPLICATE_WINDOW_HOURS },
    conversationTimeoutMinutes: e.CONVERSATION_TIMEOUT_MINUTES,
    conversationRetentionDays: e.CONVERSATION_RETENTION_DAYS,
    tryPage: e.TRY_PAGE,
    outboxPollMs: e.OUTBOX_POLL_MS,
    map: { tileUrl: e.MAP_TILE_URL, center: [lat, lon] },
    publicStreamPollMs: e.PUBLIC_STREAM_POLL_MS,
    geo: {
      dataDir: e.GEO_DATA_DIR ? path.resolve(e.GEO_DATA_DIR) : undefined,
      remote: e.GEOCODER_URL ? { url: e.GEOCODER_URL, kind: e.GEOCODER_KIND ?? 'nominatim', timeoutMs: e.GEOCODER_TIMEOUT_MS } : undefined,
    },
  };
}
