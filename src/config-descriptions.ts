/**
 * What each setting in `EnvSchema` (src/config.ts) means, for docs/configuration.md (`npm run docs:config`).
 *
 * Kept beside the schema rather than as `.describe()` calls inside it so that settings added to the schema on other
 * branches merge without touching these lines. A setting may instead carry `.describe('...')` in the schema: that text
 * wins. A setting with neither falls back to its row in the README's configuration table, and a setting with none of
 * the three fails `test/unit/core/config-reference.test.ts`.
 */
export interface SettingDoc {
  /** The group heading it is listed under in the reference. */
  group: string;
  /** What it does, for an operator: when to change it and what happens. Markdown, one paragraph. */
  meaning: string;
}

const g = {
  http: 'HTTP, proxy and operations',
  db: 'Database',
  queue: 'Queue (Redis)',
  city: 'The city: catalog, map, time, classifier',
  twilio: 'Twilio (SMS and voice)',
  x: 'X (Twitter)',
  google: 'Google Speech-to-Text',
  intake: 'Intake, duplicates and conversations',
  outbox: 'Outbox and public feed',
  open311: 'Open311 GeoReport v2',
  limits: 'Rate limits',
  geo: 'Geocoding',
  staff: 'Staff console and single sign-on',
  connectors: 'Connectors (work-order systems)',
  media: 'Photos',
  retention: 'Retention of personal data',
  web: 'Public report form and email',
};

/** Group order in the reference; a group not listed here goes last. */
export const GROUP_ORDER = Object.values(g);

export const SETTING_DOCS: Record<string, SettingDoc> = {
  PORT: { group: g.http, meaning: 'TCP port the web process listens on (0 picks a free one, for tests).' },
  HOST: {
    group: g.http,
    meaning:
      'Address the web process binds. Unset: every interface (`::`, which includes IPv4). Behind a reverse proxy on the same machine set `127.0.0.1` so only the proxy reaches it.',
  },
  TRUST_PROXY: {
    group: g.http,
    meaning:
      'Whose `X-Forwarded-For` is believed for the client IP (express `trust proxy`): `true`, `false`, a number of proxy hops, or a comma-separated list of addresses and subnets (`loopback`, `uniquelocal`, `10.0.0.0/8`). The per-IP rate limits and the logs use that IP. The default trusts proxies on loopback and private networks only, so a client on the internet cannot choose its own IP. Behind a cloud load balancer on a public address, list its subnet or set the hop count.',
  },
  PUBLIC_BASE_URL: {
    group: g.http,
    meaning:
      'The URL residents and vendors reach this service at (`https://311.example.gov`), without a trailing slash. Links in messages and feeds use it, and Twilio signatures are checked against it plus the path, never against the Host header, so behind a proxy it must be exactly the URL configured at Twilio. Unset: `http://localhost:$PORT`.',
  },
  METRICS_TOKEN: {
    group: g.http,
    meaning:
      'When set, `GET /metrics` answers only requests with `Authorization: Bearer <METRICS_TOKEN>` (401 otherwise). Unset, `/metrics` is open: block it at the proxy instead.',
  },
  READY_TIMEOUT_MS: {
    group: g.http,
    meaning: '`/readyz` answers 503 when the database or the queue has not answered within this many milliseconds.',
  },
  LOG_LEVEL: {
    group: g.http,
    meaning: 'pino log level; logs are JSON lines on standard output. Secrets, phone numbers and handles are redacted.',
  },
  TRY_PAGE: {
    group: g.http,
    meaning:
      '`/try` and its simulator API. Unset: on only while every channel is simulated. `on` serves it on a live install too (it still fakes only simulated channels); `off` hides it even in a trial.',
  },
  DATABASE_URL: {
    group: g.db,
    meaning: '`postgres://user:password@host:5432/db` for a PostgreSQL server. Unset: embedded PostgreSQL (PGlite) in `DATA_DIR`, one process only.',
  },
  DATABASE_SCHEMA: {
    group: g.db,
    meaning:
      'The PostgreSQL schema to use (a lower-case SQL identifier), so several instances can share one database. Unset: the server’s default (`public`).',
  },
  DATABASE_POOL_SIZE: {
    group: g.db,
    meaning: 'Most PostgreSQL connections one process opens. Size the server’s `max_connections` for the sum over all processes.',
  },
  DATABASE_CONNECT_TIMEOUT_MS: { group: g.db, meaning: 'Longest wait for a connection (a new one, or a free one in a full pool).' },
  DATABASE_STATEMENT_TIMEOUT_MS: {
    group: g.db,
    meaning: 'The server cancels a longer statement; the client gives up 1 s later if the server does not answer at all. `migrate` runs without it.',
  },
  DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: { group: g.db, meaning: 'The server rolls back a transaction left idle this long.' },
  DATABASE_PARALLEL_WORKERS: {
    group: g.db,
    meaning:
      'PostgreSQL’s `max_parallel_workers_per_gather` for this process’s sessions. 0 (the default) runs each statement in its own backend: every read here returns a page, and starting workers for one cost more than the page (a `servicerequestupdates` page: 25 ms with two workers, 10 ms without, at a million cases; README “Growth”). Raise it only for a server with cores to spare.',
  },
  DATABASE_RANDOM_PAGE_COST: {
    group: g.db,
    meaning:
      'PostgreSQL’s `random_page_cost` for this process’s sessions: what the planner thinks reading a page out of order costs, against 1 for reading in order. PostgreSQL’s own default, 4, is a spinning disk’s; 1.1 (the default here) fits SSDs and a store held in memory. With 4, the staff console’s search for a word in one case in 400 walked the queue testing 16,000 descriptions (81 ms at a million cases) instead of reading the word’s index (README “Growth”). Set 4 for a database on spinning disks.',
  },
  DATA_DIR: {
    group: g.db,
    meaning:
      'Local data: the embedded database (when `DATABASE_URL` is unset) and the simulation secret. Back it up with the process stopped (see docs/backups.md).',
  },
  REDIS_URL: {
    group: g.queue,
    meaning:
      '`redis://` or `rediss://` URL for the BullMQ queues and the shared rate-limit counters. Unset: an in-process queue, and `serve` runs the workers itself.',
  },
  QUEUE_PREFIX: { group: g.queue, meaning: 'Prefix of every Redis key, so several instances can share one Redis.' },
  CATALOG_PATH: {
    group: g.city,
    meaning:
      'The city’s service catalog (JSON; see docs/city-settings.md, and `intake311 catalog validate FILE`). Unset: the bundled Boston-style catalog.',
  },
  CLASSIFIER_MODEL_PATH: {
    group: g.city,
    meaning: 'A category model trained with `npx intake311 train --out PATH`. Unset: the shipped `classifiers/model/model.json`.',
  },
  MAP_TILE_URL: {
    group: g.city,
    meaning:
      'Tile URL template (`{z}/{x}/{y}`) of the public map. The default is OpenStreetMap’s own tile server, whose usage policy forbids heavy use: a city in production uses a commercial provider or its own tiles (docs/vendors/map-tiles.md).',
  },
  MAP_CENTER: { group: g.city, meaning: 'Where the public map opens, as `lat,lon` (the default is Boston City Hall).' },
  MAP_ZOOM: { group: g.city, meaning: 'The zoom level the home page map opens at (13 shows a neighbourhood; a case page opens at 16).' },
  MAP_ATTRIBUTION: {
    group: g.city,
    meaning:
      'The credit shown on the map, as plain text. Your tile provider’s terms say what it must read (OpenStreetMap data: “© OpenStreetMap contributors”).',
  },
  CITY_NAME: {
    group: g.city,
    meaning:
      'The city’s name as residents read and hear it: page and Atom feed titles (“Springfield 311”), the SMS HELP reply, the call’s greeting, the Open311 contact. At most 40 characters.',
  },
  CITY_PHONE: {
    group: g.city,
    meaning:
      'The number a resident calls to reach a person at the city, as they would dial it (`311`, `+1 217 555 0100`): the SMS HELP reply, the foot of public pages, the Open311 contact. Not the Twilio number residents text (`TWILIO_PHONE_NUMBER`).',
  },
  LANGUAGES: {
    group: g.city,
    meaning:
      'The languages residents are served in, as locale codes joined by commas (`en,es,ht,pt,zh-Hans,zh-Hant,vi`); the first is the default for anyone whose language is unknown. Each needs a file `locales/<code>.json`. Unset: every shipped locale (en, es, ht, pt, zh-Hans, zh-Hant, vi, ru, ar, fr), English first. The call menu gives each enabled language one key, so at most nine are offered on calls.',
  },
  VOICE_PROMPTS_URL: {
    group: g.city,
    meaning:
      "Where the city keeps recorded call prompts for languages Twilio cannot speak (Haitian Creole): `{VOICE_PROMPTS_URL}/{code}/{key}.mp3`, one file per key of the locale's `voice` section (see README “Languages”). Unset: the call menu says in English that such a language is available by text.",
  },
  TIME_ZONE: {
    group: g.city,
    meaning:
      'IANA time zone (`America/Chicago`) that public pages and messages show times in. Unset: the server’s zone. Cases that arrive live on an open page are shown in the browser’s zone.',
  },
  TWILIO_ACCOUNT_SID: {
    group: g.twilio,
    meaning: 'Account SID (`AC...`). With the auth token and phone number: live SMS and voice. None of the three: simulated.',
  },
  TWILIO_AUTH_TOKEN: { group: g.twilio, meaning: 'Auth token: signs Twilio’s webhooks and authenticates our API calls. Keep it secret.' },
  TWILIO_PHONE_NUMBER: { group: g.twilio, meaning: 'The city’s number in E.164 (`+16175550311`); texts are sent from it.' },
  TWILIO_API_BASE_URL: { group: g.twilio, meaning: 'Base URL of Twilio’s REST API. Unset: Twilio’s own; tests point it at a fake.' },
  TWITTER_APP_KEY: { group: g.x, meaning: 'The X app’s API key (consumer key). The six `TWITTER_*` credentials together: live; none: simulated.' },
  TWITTER_APP_SECRET: { group: g.x, meaning: 'The X app’s API key secret; also signs Account Activity webhooks and answers the CRC.' },
  TWITTER_ACCESS_TOKEN: { group: g.x, meaning: 'The city account’s OAuth 1.0a access token (read and write).' },
  TWITTER_ACCESS_SECRET: { group: g.x, meaning: 'The city account’s access token secret.' },
  TWITTER_USER_ID: { group: g.x, meaning: 'The city account’s numeric user id (whose mentions are polled).' },
  TWITTER_HANDLE: { group: g.x, meaning: 'The city account’s handle, with or without `@`.' },
  TWITTER_API_BASE_URL: { group: g.x, meaning: 'Base URL of the X API. Unset: X’s own; tests point it at a fake.' },
  TWITTER_POLL_SECONDS: {
    group: g.x,
    meaning: 'How often one worker reads the mentions timeline. Only one worker polls at a time, however many run (a lease in the database).',
  },
  TWITTER_FEED: { group: g.x, meaning: 'Whether the city’s timeline posts opened and closed public cases (`on`/`off`).' },
  TWITTER_FEED_SERVICE_CODES: { group: g.x, meaning: 'Comma-separated service codes the timeline posts about. Unset: all.' },
  TWITTER_POSTS_PER_15_MIN: { group: g.x, meaning: 'Most posts the city account makes in 15 minutes (X allows 200 on `POST /2/tweets`).' },
  TWITTER_POSTS_PER_3_HOURS: { group: g.x, meaning: 'Most posts in 3 hours (X allows 300 per user).' },
  TWITTER_FEED_SHARE: {
    group: g.x,
    meaning: 'Part of each posting window the public feed may use (0 to 1), so replies to residents always have room. 0 stops feed posts.',
  },
  GOOGLE_SPEECH_API_ENDPOINT: {
    group: g.google,
    meaning:
      'Speech-to-Text endpoint (`host:port`), e.g. a regional one such as `us-speech.googleapis.com`. Setting this or the credentials turns Google on; neither: Twilio’s own recognition.',
  },
  GOOGLE_APPLICATION_CREDENTIALS: { group: g.google, meaning: 'Path to the service account’s JSON key file (docs/vendors/google-speech.md).' },
  VOICE_TRANSCRIPTION_SWEEP_SECONDS: {
    group: g.google,
    meaning:
      'A recording still untranscribed this long after its job was queued gets a new job (a job lost with Redis); after 5 jobs it is marked failed.',
  },
  DUPLICATE_RADIUS_METERS: { group: g.intake, meaning: 'A report of the same service this close to an open case is linked to it.' },
  DUPLICATE_WINDOW_HOURS: { group: g.intake, meaning: '…and opened within this many hours.' },
  CONVERSATION_TIMEOUT_MINUTES: { group: g.intake, meaning: 'An SMS conversation idle this long starts over.' },
  CONVERSATION_RETENTION_DAYS: {
    group: g.intake,
    meaning: 'Idle conversation state (phone numbers, call progress) is deleted after this many days; cases keep their history.',
  },
  OUTBOX_POLL_MS: {
    group: g.outbox,
    meaning:
      'How often the outbox relay looks for committed rows when no in-process signal woke it (a row written by another process waits at most this long).',
  },
  OUTBOX_RECONCILE_SECONDS: { group: g.outbox, meaning: 'How often the worker asks providers about sends a dead worker interrupted (50 a round).' },
  OUTBOX_RECONCILE_GRACE_SECONDS: {
    group: g.outbox,
    meaning: 'How long after an interruption “the provider has no such message” is believed (late callbacks, messages still queued).',
  },
  FEED_MAX_AGE_MINUTES: {
    group: g.outbox,
    meaning: 'A feed post older than this when its turn comes is skipped (counted and logged), not posted late.',
  },
  PUBLIC_STREAM_POLL_MS: {
    group: g.outbox,
    meaning: 'How often each web process reads case events other processes wrote, for its live stream (`/feed/stream`, the home page).',
  },
  OPEN311_CORS_ORIGINS: { group: g.open311, meaning: 'Origins a browser app may call the Open311 API from: `*` or a comma-separated list.' },
  OPEN311_JURISDICTION_ID: {
    group: g.open311,
    meaning: 'The `jurisdiction_id` this server answers for (discovery lists it). Unset: any is accepted.',
  },
  OPEN311_SERVICE_TYPE: {
    group: g.open311,
    meaning: '`realtime`: a POST answers with the `service_request_id`; `batch`: with a `token` for `tokens/{token}`.',
  },
  RATE_LIMIT_AUTH_FAILURES: {
    group: g.limits,
    meaning: 'Wrong staff tokens and Open311 `api_key`s per client IP, as `count/seconds` (or `off`). Shared through Redis when `REDIS_URL` is set.',
  },
  RATE_LIMIT_OPEN311_POSTS: { group: g.limits, meaning: 'Open311 POSTs per `api_key`.' },
  RATE_LIMIT_SMS: { group: g.limits, meaning: 'Texts received per phone number.' },
  RATE_LIMIT_CALLS: { group: g.limits, meaning: 'Calls answered per phone number.' },
  RATE_LIMIT_MENTIONS: { group: g.limits, meaning: 'Mentions handled per X author.' },
  GEO_DATA_DIR: {
    group: g.geo,
    meaning: 'The city’s geodata: a folder written by `intake311 geo import --out DIR`. Unset: the bundled Boston data.',
  },
  GEOCODER_URL: { group: g.geo, meaning: 'Optional Nominatim- or Photon-compatible server, asked only when the local data finds nothing.' },
  GEOCODER_KIND: { group: g.geo, meaning: 'The API `GEOCODER_URL` speaks: `nominatim` or `photon`.' },
  GEOCODER_TIMEOUT_MS: { group: g.geo, meaning: 'Longest wait for the remote geocoder; a timeout counts as nothing found.' },
  CONNECTORS_PATH: {
    group: g.connectors,
    meaning:
      'A JSON file of the downstream systems cases are delivered to (Open311 CRM, signed webhook, a department’s inbox), validated at start-up; the README’s "Connectors" section documents every key. Unset: no connectors.',
  },
  OIDC_ISSUER_URL: {
    group: g.staff,
    meaning:
      'The city’s OpenID Connect issuer (Azure AD, Okta, Keycloak…) for staff single sign-on; its discovery document is read at the first sign-in. Set with `OIDC_CLIENT_ID` and `OIDC_CLIENT_SECRET`, or none of them.',
  },
  OIDC_CLIENT_ID: {
    group: g.staff,
    meaning: 'This service’s client id at the issuer. Register `{PUBLIC_BASE_URL}/staff/sso/callback` as its redirect URI.',
  },
  OIDC_CLIENT_SECRET: {
    group: g.staff,
    meaning: 'The client secret the issuer gave for `OIDC_CLIENT_ID` (sent with HTTP Basic to its token endpoint).',
  },
  OIDC_LABEL: { group: g.staff, meaning: 'The words on the sign-in button: "Sign in with {label}".' },
  RETENTION_PERSONAL_DATA_DAYS: {
    group: g.retention,
    meaning:
      'A closed case’s personal data (reporter contact, raw inbound payloads, call recording links, subscriber addresses, message recipients) is purged this many days after it closed, in batches of 500 by the hourly housekeeping; the case, its history and its public page stay as open data.',
  },
  MEDIA_STORE: { group: g.media, meaning: 'Where photos are kept: `fs` (files under `DATA_DIR/media`) or `s3` (any S3-compatible object store).' },
  MEDIA_S3_BUCKET: { group: g.media, meaning: 'The bucket photos go to; required with `MEDIA_STORE=s3`.' },
  MEDIA_S3_REGION: { group: g.media, meaning: 'The bucket’s region.' },
  MEDIA_S3_ENDPOINT: { group: g.media, meaning: 'A non-AWS S3 API (MinIO, Ceph, R2), e.g. `https://minio.internal:9000`. Unset: AWS.' },
  MEDIA_S3_FORCE_PATH_STYLE: { group: g.media, meaning: 'Path-style addressing (`endpoint/bucket/key`), which most non-AWS S3 servers need.' },
  MEDIA_S3_ACCESS_KEY_ID: {
    group: g.media,
    meaning: 'With `MEDIA_S3_SECRET_ACCESS_KEY` (both or neither). Unset: the AWS default chain (instance role, `AWS_*` environment).',
  },
  MEDIA_S3_SECRET_ACCESS_KEY: { group: g.media, meaning: 'The secret for `MEDIA_S3_ACCESS_KEY_ID`.' },
  MEDIA_S3_PREFIX: { group: g.media, meaning: 'A key prefix (e.g. `intake311/`), to share a bucket with other uses.' },
  MEDIA_MAX_BYTES: { group: g.media, meaning: 'The largest photo downloaded or uploaded; larger ones are refused with the reason on the case.' },
  MEDIA_FETCH_TIMEOUT_MS: { group: g.media, meaning: 'The longest one photo download may take, redirects included.' },
  MEDIA_POLL_MS: { group: g.media, meaning: 'How often new photos are looked for and queued for processing.' },
  MEDIA_SWEEP_SECONDS: {
    group: g.media,
    meaning:
      'A photo still unprocessed this long after its last job (a lost job, a worker killed mid-download) gets a new one; after 5 jobs it is marked failed.',
  },
  MEDIA_ORIGINAL_RETENTION_DAYS: {
    group: g.media,
    meaning: 'Originals (kept for supervisors, with the phone’s metadata) are deleted this long after processing; the stripped copies stay.',
  },
  MEDIA_FETCH_ALLOW_PRIVATE: {
    group: g.media,
    meaning:
      '**Tests only**: exact `address:port` pairs a download may reach although not public, so tests can point at local fakes. Never a range or a wildcard; leave it unset in production.',
  },
  RATE_LIMIT_WEB_REPORTS: {
    group: g.limits,
    meaning:
      'Reports and follows sent from the public site (the `/report` form, “Follow this case”) per client IP. Over it the form answers 429 with `Retry-After`.',
  },
  RATE_LIMIT_WEB_LOOKUPS: { group: g.limits, meaning: 'Address suggestions and map-pin lookups the report form asks for, per client IP.' },
  SMTP_URL: {
    group: g.web,
    meaning:
      'The mail server residents’ emails go through (confirmations, closure alerts): `smtp://user:password@host:587`, or `smtps://` for TLS from the first byte. Unset: email is simulated: each message is recorded on its outbox row, not sent.',
  },
  EMAIL_FROM: {
    group: g.web,
    meaning: 'The sender of residents’ emails, `311@example.gov` or `City 311 <311@example.gov>`. Default: `311@` the host of `PUBLIC_BASE_URL`.',
  },
  PUBLIC_LINK_SECRET: {
    group: g.web,
    meaning:
      'Signs the report form’s anti-forgery tokens and the unsubscribe links in emails (at least 32 characters). Unset: a random secret kept in `DATA_DIR`. Set it when web and worker processes do not share `DATA_DIR`, or links sent by one will not open on the other.',
  },
  REPORT_NEARBY_METERS: {
    group: g.web,
    meaning: 'Before a report is sent, open public cases of the same category within this distance are shown with “Follow it instead”. 0 shows none.',
  },
};
