import path from 'node:path';
import { z } from 'zod';
import { type ConnectorConfig, loadConnectorsFile } from './connectors-contract/config';
import { OperatorError } from './errors';
import type { GeoConfig } from './geo/create-geocoder';

/**
 * All configuration, read from the environment once at start-up and validated here.
 * Nothing else in the code reads process.env: it is handed a Config.
 */

const optionalString = z.string().trim().min(1).optional();
const optionalUrl = z.string().trim().url().optional();
/** A budget: at most `count` events per `seconds`, written "count/seconds"; `off` turns the limit off. */
const rateLimit = (fallback: string) =>
  z
    .string()
    .trim()
    .regex(/^(off|[1-9]\d{0,6}\/[1-9]\d{0,5})$/, 'must be "<count>/<seconds>" (e.g. 20/300) or off')
    .default(fallback)
    .transform((v): RateLimit | undefined => {
      if (v === 'off') return undefined;
      const [points, seconds] = v.split('/').map(Number);
      return { points, seconds };
    });
/** Whether Intl knows the zone (Node ships the full IANA database). */
function validTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
const boolFlag = z.enum(['true', 'false', '1', '0', 'on', 'off', 'yes', 'no']).transform((v) => ['true', '1', 'on', 'yes'].includes(v));

/** Every setting the environment may carry; the README's configuration table documents each (a test checks). */
export const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9.:-]+$/, 'must be an IP address or host name such as 127.0.0.1 or ::')
    .optional(),
  METRICS_TOKEN: z.string().trim().min(16, 'must be at least 16 characters').optional(),
  CITY_NAME: z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(40, 'at most 40 characters (it goes into SMS replies, which are kept to two segments)')
    .regex(/^[^<>{}]+$/, 'must not contain < > { or }')
    .default('Boston'),
  CITY_PHONE: z
    .string()
    .trim()
    .regex(/^\+?[0-9][0-9 ().-]{1,19}$/, 'must be a phone number as residents dial it, such as 311 or +1 217 555 0100')
    .default('311'),
  LANGUAGES: z
    .string()
    .trim()
    .regex(
      /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*(?:\s*,\s*[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)*$/,
      'must be locale codes joined by commas, such as en,es,ht',
    )
    .optional(),
  VOICE_PROMPTS_URL: z.string().trim().url('must be a URL such as https://city.example/voice-prompts').optional(),
  TIME_ZONE: z
    .string()
    .trim()
    .refine((v) => validTimeZone(v), 'must be an IANA time zone such as America/New_York')
    .optional(),
  TRUST_PROXY: z
    .string()
    .trim()
    .regex(
      /^[\w.:/, -]+$/,
      'must be true, false, a number of proxy hops, or a comma-separated list of addresses/subnets (loopback, uniquelocal, 10.0.0.0/8, ...)',
    )
    .default('loopback, linklocal, uniquelocal')
    .transform((v): boolean | number | string => (v === 'true' ? true : v === 'false' ? false : /^\d+$/.test(v) ? Number(v) : v)),
  PUBLIC_BASE_URL: optionalUrl,
  DATABASE_URL: z
    .string()
    .trim()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  DATABASE_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]*$/, 'must be a lower-case SQL identifier')
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(500).default(10),
  DATABASE_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).max(60000).default(5000),
  DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).max(600000).default(5000),
  DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: z.coerce.number().int().min(100).max(3600000).default(10000),
  DATABASE_PARALLEL_WORKERS: z.coerce.number().int().min(0).max(64).default(0),
  DATABASE_RANDOM_PAGE_COST: z.coerce.number().min(0.1).max(100).default(1.1),
  READY_TIMEOUT_MS: z.coerce.number().int().min(100).max(30000).default(1500),
  DATA_DIR: z.string().min(1).default('./data'),
  REDIS_URL: z
    .string()
    .trim()
    .regex(/^rediss?:\/\//, 'must start with redis:// or rediss://')
    .optional(),
  QUEUE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, - and _ only')
    .default('intake311'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  CATALOG_PATH: optionalString,
  CONNECTORS_PATH: optionalString,
  OIDC_ISSUER_URL: optionalUrl,
  OIDC_CLIENT_ID: optionalString,
  OIDC_CLIENT_SECRET: optionalString,
  OIDC_LABEL: z.string().trim().min(1).max(60).default('single sign-on'),
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
  TWITTER_FEED_SHARE: z.coerce.number().min(0).max(1).default(0.5),
  GOOGLE_SPEECH_API_ENDPOINT: optionalString,
  GOOGLE_APPLICATION_CREDENTIALS: optionalString,
  VOICE_TRANSCRIPTION_SWEEP_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  DUPLICATE_RADIUS_METERS: z.coerce.number().min(0).max(5000).default(50),
  DUPLICATE_WINDOW_HOURS: z.coerce
    .number()
    .min(0)
    .max(24 * 365)
    .default(72),
  CONVERSATION_TIMEOUT_MINUTES: z.coerce
    .number()
    .min(1)
    .max(24 * 60)
    .default(30),
  TRY_PAGE: boolFlag.optional(),
  CONVERSATION_RETENTION_DAYS: z.coerce.number().min(1).max(3650).default(7),
  RETENTION_PERSONAL_DATA_DAYS: z.coerce.number().min(1).max(36500).default(365),
  OUTBOX_POLL_MS: z.coerce.number().int().min(10).max(60000).default(1000),
  OUTBOX_RECONCILE_SECONDS: z.coerce.number().min(0.05).max(3600).default(60),
  OUTBOX_RECONCILE_GRACE_SECONDS: z.coerce.number().min(0).max(604800).default(600),
  FEED_MAX_AGE_MINUTES: z.coerce.number().min(0.01).max(10080).default(60),
  MAP_TILE_URL: z.string().default('https://tile.openstreetmap.org/{z}/{x}/{y}.png'),
  MAP_CENTER: z
    .string()
    .regex(/^-?\d+(\.\d+)?,-?\d+(\.\d+)?$/, 'must be "lat,lon"')
    .default('42.3601,-71.0589'),
  MAP_ZOOM: z.coerce.number().int().min(1).max(19).default(13),
  MAP_ATTRIBUTION: z.string().trim().min(1).max(300).default('© OpenStreetMap contributors'),
  PUBLIC_STREAM_POLL_MS: z.coerce.number().int().min(100).max(60000).default(2000),
  OPEN311_CORS_ORIGINS: z
    .string()
    .trim()
    .regex(/^(\*|https?:\/\/[^\s,]+(\s*,\s*https?:\/\/[^\s,]+)*)$/, 'must be * or a comma-separated list of origins like https://app.example.org')
    .default('*'),
  OPEN311_JURISDICTION_ID: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9._-]+$/, 'must be a domain-like id such as boston.gov')
    .optional(),
  OPEN311_SERVICE_TYPE: z.enum(['realtime', 'batch']).default('realtime'),
  RATE_LIMIT_AUTH_FAILURES: rateLimit('20/300'),
  RATE_LIMIT_OPEN311_POSTS: rateLimit('300/60'),
  RATE_LIMIT_SMS: rateLimit('30/600'),
  RATE_LIMIT_CALLS: rateLimit('10/600'),
  RATE_LIMIT_MENTIONS: rateLimit('30/600'),
  RATE_LIMIT_WEB_REPORTS: rateLimit('10/600'),
  RATE_LIMIT_WEB_LOOKUPS: rateLimit('120/60'),
  SMTP_URL: z
    .string()
    .trim()
    .regex(/^smtps?:\/\/\S+$/, 'must be a URL like smtp://user:password@mail.example.org:587 (smtps:// for TLS from the start)')
    .optional(),
  EMAIL_FROM: z
    .string()
    .trim()
    .min(3)
    .max(200)
    .regex(/@/, 'must be an address such as 311@example.gov, optionally "Name <311@example.gov>"')
    .optional(),
  PUBLIC_LINK_SECRET: z.string().trim().min(32, 'must be at least 32 characters').optional(),
  REPORT_NEARBY_METERS: z.coerce.number().int().min(0).max(2000).default(150),
  GEO_DATA_DIR: optionalString,
  GEOCODER_URL: optionalUrl,
  GEOCODER_KIND: z.enum(['nominatim', 'photon']).optional(),
  GEOCODER_TIMEOUT_MS: z.coerce.number().int().min(100).max(30000).default(2000),
  MEDIA_STORE: z.enum(['fs', 's3']).default('fs'),
  MEDIA_S3_BUCKET: optionalString,
  MEDIA_S3_REGION: z.string().trim().min(1).default('us-east-1'),
  MEDIA_S3_ENDPOINT: optionalUrl,
  MEDIA_S3_FORCE_PATH_STYLE: boolFlag.default(false),
  MEDIA_S3_ACCESS_KEY_ID: optionalString,
  MEDIA_S3_SECRET_ACCESS_KEY: optionalString,
  MEDIA_S3_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9._/-]*$/, 'letters, digits, . _ - and / only')
    .default(''),
  MEDIA_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(100 * 1024 * 1024)
    .default(10 * 1024 * 1024),
  MEDIA_FETCH_TIMEOUT_MS: z.coerce.number().int().min(100).max(120000).default(15000),
  MEDIA_POLL_MS: z.coerce.number().int().min(10).max(60000).default(1000),
  MEDIA_SWEEP_SECONDS: z.coerce.number().min(0.5).max(86400).default(60),
  MEDIA_ORIGINAL_RETENTION_DAYS: z.coerce.number().min(0).max(3650).default(30),
  MEDIA_FETCH_ALLOW_PRIVATE: z
    .string()
    .trim()
    .regex(
      /^([0-9a-fA-F.:[\]]+:\d{1,5})(\s*,\s*[0-9a-fA-F.:[\]]+:\d{1,5})*$/,
      'must be a comma-separated list of exact address:port pairs (tests only)',
    )
    .optional(),
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
  /**
   * TWITTER_FEED_SHARE, default 0.5: the part of each window the public feed may use, so replies to residents
   * always have room (0 keeps the feed from posting at all).
   */
  feedShare: number;
}

/** Where the database is, and how long anything may wait for it (a PostgreSQL server only; PGlite is in the process). */
export interface DatabaseConfig {
  url?: string;
  schema?: string;
  /** DATABASE_POOL_SIZE: most connections this process opens. Default 10. */
  poolSize: number;
  /** DATABASE_CONNECT_TIMEOUT_MS: longest wait for a connection (new, or free in a full pool). Default 5000. */
  connectTimeoutMs: number;
  /** DATABASE_STATEMENT_TIMEOUT_MS: longest a statement runs; the client gives up 1 s after it. Default 5000. */
  statementTimeoutMs: number;
  /** DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: the server rolls back a transaction left idle this long. Default 10000. */
  idleInTransactionTimeoutMs: number;
  /** DATABASE_PARALLEL_WORKERS: PostgreSQL's max_parallel_workers_per_gather for this process's sessions. Default 0. */
  parallelWorkers: number;
  /** DATABASE_RANDOM_PAGE_COST: PostgreSQL's random_page_cost for this process's sessions. Default 1.1. */
  randomPageCost: number;
}

/** At most `points` events per `seconds`, per key. */
export interface RateLimit {
  points: number;
  seconds: number;
}

/** Budgets per key; undefined: not limited (the setting is `off`). Answers over a budget are 429 with Retry-After, or TwiML asking to slow down. */
export interface RateLimitsConfig {
  /** RATE_LIMIT_AUTH_FAILURES, per client IP: wrong staff tokens and Open311 api_keys. Default 20/300. */
  authFailures?: RateLimit;
  /** RATE_LIMIT_OPEN311_POSTS, per Open311 api_key: service requests posted. Default 300/60. */
  open311Posts?: RateLimit;
  /** RATE_LIMIT_SMS, per phone number: texts received. Default 30/600. */
  smsMessages?: RateLimit;
  /** RATE_LIMIT_CALLS, per phone number: calls answered. Default 10/600. */
  calls?: RateLimit;
  /** RATE_LIMIT_MENTIONS, per X author: mentions handled. Default 30/600. */
  mentions?: RateLimit;
  /** RATE_LIMIT_WEB_REPORTS, per client IP: reports and follows sent from the public site's forms. Default 10/600. */
  webReports?: RateLimit;
  /** RATE_LIMIT_WEB_LOOKUPS, per client IP: address suggestions the report form asks for. Default 120/60. */
  webLookups?: RateLimit;
}

/** Which cases the city's timeline posts about. */
export interface FeedConfig {
  enabled: boolean;
  /** Only these service codes are posted; undefined: all. */
  serviceCodes?: string[];
}

export interface Config {
  port: number;
  /** HOST: the address to bind; undefined: every interface. */
  host?: string;
  /** METRICS_TOKEN: the bearer token /metrics requires; undefined: /metrics is open (block it at the proxy). */
  metricsToken?: string;
  /**
   * How residents are told who answers and whom to call (CITY_NAME, CITY_PHONE): page and feed titles, SMS HELP,
   * the call's greeting. `phone` is the number a resident dials for a person, not the Twilio number.
   */
  city: { name: string; phone: string };
  /**
   * LANGUAGES: the locale codes residents are served in, the first the default (locales/<code>.json must exist).
   * Undefined: every shipped locale, English first.
   */
  languages?: string[];
  /**
   * VOICE_PROMPTS_URL: where recorded prompts live for languages Twilio cannot speak (`{url}/{code}/{key}.mp3`).
   * Undefined: such a language is offered on calls in English as available by text.
   */
  voicePromptsUrl?: string;
  /** TIME_ZONE: the IANA zone public pages show times in; undefined: the server's zone. */
  timeZone?: string;
  /**
   * Which proxies' X-Forwarded-For is believed for the client IP (express 'trust proxy'; TRUST_PROXY).
   * Default: proxies on loopback and private networks, so a client on the internet cannot pick its own IP
   * and dodge the per-IP limits.
   */
  trustProxy: boolean | number | string;
  /** The URL the public reaches this service at, without a trailing slash. */
  publicBaseUrl: string;
  database: DatabaseConfig;
  /** Longest /readyz waits for the database and the queue before answering 503 (READY_TIMEOUT_MS). Default 1500 ms. */
  readyTimeoutMs: number;
  dataDir: string;
  redis: { url?: string; prefix: string };
  logLevel: string;
  catalogPath?: string;
  classifierModelPath?: string;
  twilio: TwilioConfig;
  twitter: TwitterConfig;
  google: { endpoint?: string; credentialsFile?: string; mode: 'live' | 'fallback' };
  /**
   * How often the voice worker re-queues call recordings still pending (seconds); also how long one may sit
   * pending since its last transcription job before it is queued again. Default 30.
   */
  voiceTranscriptionSweepSeconds: number;
  duplicates: { radiusMeters: number; windowHours: number };
  conversationTimeoutMinutes: number;
  /**
   * TRY_PAGE: whether /try and its simulator API are served. Unset: only while every channel is simulated,
   * so a live install never offers it to anonymous visitors unless the operator turns it on (TRY_PAGE=on).
   */
  tryPage?: boolean;
  /** Idle conversations (SMS threads, call state) are deleted after this many days. Default 7. */
  conversationRetentionDays: number;
  /**
   * A closed case's personal data (reporter contact, raw inbound payloads, call recording links, subscriber
   * addresses) is purged this many days after it closed; the case stays for open data. Default 365.
   */
  personalDataRetentionDays: number;
  outboxPollMs: number;
  /** How interrupted sends are settled with the provider (OUTBOX_RECONCILE_SECONDS, OUTBOX_RECONCILE_GRACE_SECONDS). */
  reconcile: {
    /** How often the worker asks providers about interrupted sends. Default 60 s. */
    intervalMs: number;
    /** How long after the interruption "the provider has no such message" is believed (late callbacks, queued messages). Default 600 s. */
    graceMs: number;
  };
  /** FEED_MAX_AGE_MINUTES: a public feed post older than this is skipped instead of sent late. Default 60. */
  feedMaxAgeMs: number;
  /** The public map: tiles, where it opens (MAP_CENTER, MAP_ZOOM) and the credit its tiles require (MAP_ATTRIBUTION, plain text). */
  map: { tileUrl: string; center: [number, number]; zoom?: number; attribution?: string };
  /** How often the public live stream reads events other processes wrote (ms). Default 2000. */
  publicStreamPollMs: number;
  rateLimits: RateLimitsConfig;
  /** The geocoder's data folder and optional remote fallback. */
  geo: GeoConfig;
  open311: Open311Config;
  /** The downstream systems cases are delivered to (CONNECTORS_PATH, validated at start-up). Default: none. */
  connectors: ConnectorConfig[];
  /** Staff single sign-on through the city's OpenID Connect issuer; unset: staff sign in with a password only. */
  sso?: SsoConfig;
  /**
   * Email to residents (subscriptions by email): SMTP_URL, unset: simulated (recorded, not sent); EMAIL_FROM, the
   * sender, default `311@` the PUBLIC_BASE_URL host.
   */
  email: { smtpUrl?: string; from: string };
  /** PUBLIC_LINK_SECRET: signs the report form's tokens and unsubscribe links; unset: a random secret kept in DATA_DIR. */
  linkSecret?: string;
  /** The public report form: open cases within `nearbyMeters` of the same category are offered to follow (REPORT_NEARBY_METERS). */
  report: { nearbyMeters: number };
  media: MediaConfig;
}

/** A city's OpenID Connect issuer (Azure AD, Okta, Keycloak...) for the staff console. */
export interface SsoConfig {
  /** OIDC_ISSUER_URL: the issuer; its `/.well-known/openid-configuration` is read at the first sign-in. */
  issuerUrl: string;
  /** OIDC_CLIENT_ID and OIDC_CLIENT_SECRET: this service's registration at the issuer. */
  clientId: string;
  clientSecret: string;
  /** OIDC_LABEL: the button's words, "Sign in with {label}". Default "single sign-on". */
  label: string;
}

/** Where processed photos are kept, and the limits of fetching and keeping them (MEDIA_* settings). */
export interface MediaConfig {
  /** MEDIA_STORE: `fs` (default: files under DATA_DIR/media) or `s3` (any S3-compatible object store). */
  store:
    | { kind: 'fs'; dir: string }
    | {
        kind: 's3';
        bucket: string;
        region: string;
        endpoint?: string;
        forcePathStyle: boolean;
        prefix: string;
        credentials?: { accessKeyId: string; secretAccessKey: string };
      };
  /** DATA_DIR: where photos uploaded with an Open311 POST wait (open311-media/) until they are ingested. */
  dataDir: string;
  /** MEDIA_MAX_BYTES: the largest photo downloaded or uploaded. Default 10 MB. */
  maxBytes: number;
  /** MEDIA_FETCH_TIMEOUT_MS: the longest one download may take, redirects included. Default 15000. */
  fetchTimeoutMs: number;
  /** MEDIA_POLL_MS: how often new photos are looked for and queued. Default 1000. */
  pollMs: number;
  /** MEDIA_SWEEP_SECONDS: a photo still unprocessed this long after its last job (a dead worker, a lost job) is queued again. Default 60. */
  sweepMs: number;
  /** MEDIA_ORIGINAL_RETENTION_DAYS: originals (kept for staff, with their metadata) are deleted after this. Default 30. */
  originalRetentionDays: number;
  /**
   * MEDIA_FETCH_ALLOW_PRIVATE: exact `address:port` pairs a download may reach although they are not public. For
   * tests that point at local fakes; empty by default, and never a range or a wildcard.
   */
  allowPrivate: string[];
}

/** The Open311 GeoReport v2 server's settings. */
export interface Open311Config {
  /** Origins a browser app may call the API from (OPEN311_CORS_ORIGINS): `*` (default) or a list of origins. */
  corsOrigins: '*' | string[];
  /** The jurisdiction this server answers for (OPEN311_JURISDICTION_ID); unset, any jurisdiction_id is accepted. */
  jurisdictionId?: string;
  /**
   * OPEN311_SERVICE_TYPE: `realtime` (default) answers a POST with the service_request_id; `batch` answers with a token
   * that `tokens/{token}` exchanges for the id, for clients built around that flow.
   */
  serviceType: 'realtime' | 'batch';
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

/** Single sign-on needs the issuer and both halves of the client registration, or none of them. */
function ssoFrom(env: Record<string, string | undefined>, label: string): SsoConfig | undefined {
  const names = ['OIDC_ISSUER_URL', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET'];
  const missing = names.filter((n) => env[n] === undefined);
  if (missing.length === names.length) return undefined;
  if (missing.length > 0) {
    throw new ConfigError(`single sign-on: ${missing.join(', ')} missing; set all of ${names.join(', ')} to enable it, or none`);
  }
  return { issuerUrl: env.OIDC_ISSUER_URL!, clientId: env.OIDC_CLIENT_ID!, clientSecret: env.OIDC_CLIENT_SECRET!, label };
}

function connectorsFrom(file: string | undefined): ConnectorConfig[] {
  try {
    return loadConnectorsFile(file);
  } catch (err) {
    throw new ConfigError(`configuration: ${(err as Error).message}`);
  }
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
    serviceCodes: e.TWITTER_FEED_SERVICE_CODES?.split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  };
  const postLimits: PostLimits = { per15Min: e.TWITTER_POSTS_PER_15_MIN, per3Hours: e.TWITTER_POSTS_PER_3_HOURS, feedShare: e.TWITTER_FEED_SHARE };
  const [lat, lon] = e.MAP_CENTER.split(',').map(Number);
  if (e.MEDIA_STORE === 's3' && !e.MEDIA_S3_BUCKET)
    throw new ConfigError('configuration: MEDIA_STORE is s3 but MEDIA_S3_BUCKET is missing; set the bucket');
  if (Boolean(e.MEDIA_S3_ACCESS_KEY_ID) !== Boolean(e.MEDIA_S3_SECRET_ACCESS_KEY))
    throw new ConfigError(
      'configuration: set both MEDIA_S3_ACCESS_KEY_ID and MEDIA_S3_SECRET_ACCESS_KEY, or neither (the AWS default credential chain)',
    );
  if (e.GEOCODER_KIND && !e.GEOCODER_URL)
    throw new ConfigError('configuration: GEOCODER_KIND is set but GEOCODER_URL is missing; set GEOCODER_URL or unset GEOCODER_KIND');
  return {
    port: e.PORT,
    host: e.HOST,
    metricsToken: e.METRICS_TOKEN,
    city: { name: e.CITY_NAME, phone: e.CITY_PHONE },
    languages: e.LANGUAGES?.split(',').map((c) => c.trim()),
    voicePromptsUrl: e.VOICE_PROMPTS_URL?.replace(/\/+$/, ''),
    timeZone: e.TIME_ZONE,
    trustProxy: e.TRUST_PROXY,
    publicBaseUrl: (e.PUBLIC_BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    database: {
      url: e.DATABASE_URL,
      schema: e.DATABASE_SCHEMA,
      poolSize: e.DATABASE_POOL_SIZE,
      connectTimeoutMs: e.DATABASE_CONNECT_TIMEOUT_MS,
      statementTimeoutMs: e.DATABASE_STATEMENT_TIMEOUT_MS,
      idleInTransactionTimeoutMs: e.DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS,
      parallelWorkers: e.DATABASE_PARALLEL_WORKERS,
      randomPageCost: e.DATABASE_RANDOM_PAGE_COST,
    },
    readyTimeoutMs: e.READY_TIMEOUT_MS,
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
    voiceTranscriptionSweepSeconds: e.VOICE_TRANSCRIPTION_SWEEP_SECONDS,
    duplicates: { radiusMeters: e.DUPLICATE_RADIUS_METERS, windowHours: e.DUPLICATE_WINDOW_HOURS },
    conversationTimeoutMinutes: e.CONVERSATION_TIMEOUT_MINUTES,
    conversationRetentionDays: e.CONVERSATION_RETENTION_DAYS,
    personalDataRetentionDays: e.RETENTION_PERSONAL_DATA_DAYS,
    tryPage: e.TRY_PAGE,
    outboxPollMs: e.OUTBOX_POLL_MS,
    reconcile: { intervalMs: e.OUTBOX_RECONCILE_SECONDS * 1000, graceMs: e.OUTBOX_RECONCILE_GRACE_SECONDS * 1000 },
    feedMaxAgeMs: e.FEED_MAX_AGE_MINUTES * 60_000,
    map: { tileUrl: e.MAP_TILE_URL, center: [lat, lon], zoom: e.MAP_ZOOM, attribution: e.MAP_ATTRIBUTION },
    publicStreamPollMs: e.PUBLIC_STREAM_POLL_MS,
    open311: {
      corsOrigins: e.OPEN311_CORS_ORIGINS === '*' ? '*' : e.OPEN311_CORS_ORIGINS.split(',').map((o) => o.trim().replace(/\/+$/, '')),
      jurisdictionId: e.OPEN311_JURISDICTION_ID,
      serviceType: e.OPEN311_SERVICE_TYPE,
    },
    rateLimits: {
      authFailures: e.RATE_LIMIT_AUTH_FAILURES,
      open311Posts: e.RATE_LIMIT_OPEN311_POSTS,
      smsMessages: e.RATE_LIMIT_SMS,
      calls: e.RATE_LIMIT_CALLS,
      mentions: e.RATE_LIMIT_MENTIONS,
      webReports: e.RATE_LIMIT_WEB_REPORTS,
      webLookups: e.RATE_LIMIT_WEB_LOOKUPS,
    },
    connectors: connectorsFrom(e.CONNECTORS_PATH),
    sso: ssoFrom(cleaned, e.OIDC_LABEL),
    email: { smtpUrl: e.SMTP_URL, from: e.EMAIL_FROM ?? `311@${new URL(e.PUBLIC_BASE_URL ?? 'http://localhost').hostname}` },
    linkSecret: e.PUBLIC_LINK_SECRET,
    report: { nearbyMeters: e.REPORT_NEARBY_METERS },
    geo: {
      dataDir: e.GEO_DATA_DIR ? path.resolve(e.GEO_DATA_DIR) : undefined,
      remote: e.GEOCODER_URL ? { url: e.GEOCODER_URL, kind: e.GEOCODER_KIND ?? 'nominatim', timeoutMs: e.GEOCODER_TIMEOUT_MS } : undefined,
    },
    media: {
      store:
        e.MEDIA_STORE === 's3'
          ? {
              kind: 's3',
              bucket: e.MEDIA_S3_BUCKET!,
              region: e.MEDIA_S3_REGION,
              endpoint: e.MEDIA_S3_ENDPOINT,
              forcePathStyle: e.MEDIA_S3_FORCE_PATH_STYLE,
              prefix: e.MEDIA_S3_PREFIX,
              credentials: e.MEDIA_S3_ACCESS_KEY_ID
                ? { accessKeyId: e.MEDIA_S3_ACCESS_KEY_ID, secretAccessKey: e.MEDIA_S3_SECRET_ACCESS_KEY! }
                : undefined,
            }
          : { kind: 'fs', dir: path.join(path.resolve(e.DATA_DIR), 'media') },
      dataDir: path.resolve(e.DATA_DIR),
      maxBytes: e.MEDIA_MAX_BYTES,
      fetchTimeoutMs: e.MEDIA_FETCH_TIMEOUT_MS,
      pollMs: e.MEDIA_POLL_MS,
      sweepMs: e.MEDIA_SWEEP_SECONDS * 1000,
      originalRetentionDays: e.MEDIA_ORIGINAL_RETENTION_DAYS,
      allowPrivate: (e.MEDIA_FETCH_ALLOW_PRIVATE ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    },
  };
}
