import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Request, type Response } from 'express';

/** A tweet in the fake's world, with what its expansions resolve to. */
export interface FakeTweet {
  id: string;
  text: string;
  author_id: string;
  username?: string;
  created_at?: string;
  lang?: string;
  conversation_id?: string;
  referenced_tweets?: { type: 'retweeted' | 'quoted' | 'replied_to'; id: string; author_id?: string }[];
  photos?: string[];
  place?: { id: string; full_name: string; place_type: string; bbox: [number, number, number, number] };
  coordinates?: [number, number];
}

/** A post the city's account made through POST /2/tweets. */
export interface PostedTweet {
  id: string;
  text: string;
  inReplyTo?: string;
  mediaIds: string[];
}

type Route = 'GET mentions' | 'POST tweets' | 'POST media';

interface Failure {
  status: number;
  body: unknown;
  /** x-rate-limit-reset, epoch seconds (429s). */
  reset?: number;
}

/** X's weighted length as the fake checks it independently: a link is 23, other code points 1 (Latin text). */
function xLength(text: string): number {
  return [...text.replace(/https?:\/\/\S+/g, 'u'.repeat(23))].length;
}

/** The bytes of one named part of a multipart/form-data body (the media chunk of an upload append). */
function multipartField(body: Buffer, contentType: string, name: string): Buffer | undefined {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(contentType);
  if (!boundary) return undefined;
  const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  let start = body.indexOf(delimiter);
  while (start !== -1) {
    const next = body.indexOf(delimiter, start + delimiter.length);
    if (next === -1) break;
    const part = body.subarray(start + delimiter.length, next);
    const headerEnd = part.indexOf('\r\n\r\n');
    if (headerEnd !== -1 && part.subarray(0, headerEnd).toString().includes(`name="${name}"`)) {
      return part.subarray(headerEnd + 4, part.length - 2);
    }
    start = next;
  }
  return undefined;
}

/**
 * A local X API v2 that the real twitter-api-v2 client talks to (TWITTER_API_BASE_URL): the mentions
 * timeline with since_id, start_time, max_results and pagination_token, expansions into `includes`;
 * POST /2/tweets with replies and media; the v2 chunked media upload; OAuth 1.0a header required.
 * It refuses as X does (duplicate text 403, reply to a deleted tweet 403, over 280 400) and can be
 * told to fail the next calls of a route (429 with x-rate-limit-reset, 5xx).
 */
export class FakeXApi {
  readonly mentions: FakeTweet[] = [];
  readonly posted: PostedTweet[] = [];
  readonly uploads: { id: string; mediaType: string; bytes: number }[] = [];
  /** Every request: method, path and query, for assertions on what the SDK sent. */
  readonly requests: { method: string; path: string; query: Record<string, string>; authorized: boolean }[] = [];
  /** Tweet ids X no longer has (replying to one is refused). */
  readonly deleted = new Set<string>();
  /** Largest page the timeline returns whatever max_results asks (X's is 100); lower it to test pagination. */
  maxPageSize = 100;
  private readonly failures = new Map<Route, (Failure | undefined)[]>();
  private server?: Server;
  private nextId = 1_800_000_000_000_000_000n;

  get url(): string {
    if (!this.server) throw new Error('fake X API: not started');
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** A new snowflake-like id, larger than every earlier one. */
  newId(): string {
    this.nextId += 1000n;
    return String(this.nextId);
  }

  /** Adds a mention (newest so far) and returns it. */
  mention(t: Omit<FakeTweet, 'id'> & { id?: string }): FakeTweet {
    const tweet = { ...t, id: t.id ?? this.newId() };
    this.mentions.push(tweet);
    return tweet;
  }

  /**
   * Makes calls of `route` fail with `status`: `times` of them (default 1), after letting `after` calls
   * succeed first (default 0: the very next), a 429 carrying x-rate-limit-reset `reset` (epoch seconds).
   */
  failNext(route: Route, status: number, options: { times?: number; after?: number; reset?: number } = {}): void {
    const body =
      status === 429
        ? { title: 'Too Many Requests', detail: 'Too Many Requests', type: 'about:blank', status: 429 }
        : { title: 'Service Unavailable', detail: 'Service Unavailable', type: 'about:blank', status };
    const list = this.failures.get(route) ?? [];
    for (let i = 0; i < (options.after ?? 0); i++) list.push(undefined);
    for (let i = 0; i < (options.times ?? 1); i++) list.push({ status, body, reset: options.reset });
    this.failures.set(route, list);
  }

  async start(): Promise<this> {
    const app = express();
    app.use((req, _res, next) => {
      const auth = req.get('authorization') ?? '';
      this.requests.push({
        method: req.method,
        path: req.path,
        query: Object.fromEntries(Object.entries(req.query).map(([k, v]) => [k, String(v)])),
        authorized: /^OAuth /.test(auth) && /oauth_consumer_key="/.test(auth) && /oauth_signature="/.test(auth) && /oauth_token="/.test(auth),
      });
      next();
    });
    app.use((_req, res, next) => {
      if (this.requests[this.requests.length - 1].authorized) return next();
      res.status(401).json({ title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized' });
    });
    app.get('/2/users/:id/mentions', (req, res) => this.failed('GET mentions', res) || this.listMentions(req, res));
    app.post('/2/tweets', express.json(), (req, res) => this.failed('POST tweets', res) || this.createTweet(req, res));
    app.post('/2/media/upload/initialize', express.json(), (req, res) => {
      if (this.failed('POST media', res)) return;
      const id = this.newId();
      this.uploads.push({ id, mediaType: String(req.body?.media_type), bytes: 0 });
      res.json({ data: { id, media_key: `3_${id}`, expires_after_secs: 86400 } });
    });
    app.post('/2/media/upload/:id/append', express.raw({ type: () => true, limit: '20mb' }), (req, res) => {
      const upload = this.uploads.find((u) => u.id === req.params.id);
      if (!upload) return void res.status(400).json({ title: 'Invalid Request', detail: 'unknown media id', status: 400 });
      const media = multipartField(req.body as Buffer, req.get('content-type') ?? '', 'media');
      if (!media) return void res.status(400).json({ title: 'Invalid Request', detail: 'append needs a media part', status: 400 });
      upload.bytes += media.length;
      res.json({});
    });
    app.post('/2/media/upload/:id/finalize', (req, res) => {
      const upload = this.uploads.find((u) => u.id === req.params.id);
      if (!upload) return void res.status(400).json({ title: 'Invalid Request', detail: 'unknown media id', status: 400 });
      res.json({ data: { id: upload.id, media_key: `3_${upload.id}`, size: upload.bytes, expires_after_secs: 86400 } });
    });
    await new Promise<void>((resolve) => {
      this.server = app.listen(0, '127.0.0.1', () => resolve());
    });
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private failed(route: Route, res: Response): boolean {
    const failure = this.failures.get(route)?.shift();
    if (!failure) return false;
    if (failure.reset !== undefined) {
      res.set({ 'x-rate-limit-limit': '100', 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': String(failure.reset) });
    }
    res.status(failure.status).json(failure.body);
    return true;
  }

  private listMentions(req: Request, res: Response): void {
    const q = req.query as Record<string, string | undefined>;
    const max = Math.min(Math.max(Number(q.max_results ?? 10), 5), 100, this.maxPageSize);
    const since = q.since_id ? BigInt(q.since_id) : undefined;
    const start = q.start_time ? Date.parse(q.start_time) : undefined;
    const all = this.mentions
      .filter((t) => t.author_id !== undefined)
      .filter((t) => since === undefined || BigInt(t.id) > since)
      .filter((t) => start === undefined || !t.created_at || Date.parse(t.created_at) >= start)
      .sort((a, b) => (BigInt(b.id) > BigInt(a.id) ? 1 : -1));
    const offset = q.pagination_token ? Number(q.pagination_token.replace(/^p/, '')) : 0;
    const page = all.slice(offset, offset + max);
    if (page.length === 0) return void res.json({ meta: { result_count: 0 } });
    const expansions = new Set((q.expansions ?? '').split(','));
    const next = offset + max < all.length ? `p${offset + max}` : undefined;
    res.json({
      data: page.map((t) => this.v2(t)),
      includes: this.includes(page, expansions),
      meta: { result_count: page.length, newest_id: page[0].id, oldest_id: page[page.length - 1].id, ...(next ? { next_token: next } : {}) },
    });
  }

  private v2(t: FakeTweet): Record<string, unknown> {
    return {
      id: t.id,
      text: t.text,
      author_id: t.author_id,
      created_at: t.created_at ?? new Date().toISOString(),
      lang: t.lang ?? 'en',
      conversation_id: t.conversation_id ?? t.id,
      edit_history_tweet_ids: [t.id],
      ...(t.referenced_tweets ? { referenced_tweets: t.referenced_tweets.map(({ type, id }) => ({ type, id })) } : {}),
      ...(t.photos?.length ? { attachments: { media_keys: t.photos.map((_, i) => `3_${t.id}_${i}`) } } : {}),
      ...(t.place || t.coordinates
        ? {
            geo: {
              ...(t.place ? { place_id: t.place.id } : {}),
              ...(t.coordinates ? { coordinates: { type: 'Point', coordinates: t.coordinates } } : {}),
            },
          }
        : {}),
    };
  }

  private includes(page: FakeTweet[], expansions: Set<string>): Record<string, unknown[]> {
    const out: Record<string, unknown[]> = {};
    if (expansions.has('author_id')) {
      out.users = page.map((t) => ({ id: t.author_id, username: t.username ?? `user${t.author_id}`, name: t.username ?? 'Resident' }));
    }
    if (expansions.has('attachments.media_keys')) {
      out.media = page.flatMap((t) => (t.photos ?? []).map((url, i) => ({ media_key: `3_${t.id}_${i}`, type: 'photo', url })));
    }
    if (expansions.has('geo.place_id')) {
      out.places = page.filter((t) => t.place).map((t) => ({ ...t.place, name: t.place?.full_name, geo: { type: 'Feature', bbox: t.place?.bbox } }));
    }
    if (expansions.has('referenced_tweets.id')) {
      out.tweets = page.flatMap((t) => (t.referenced_tweets ?? []).map((r) => ({ id: r.id, text: '', author_id: r.author_id })));
    }
    return Object.fromEntries(Object.entries(out).filter(([, v]) => v.length > 0));
  }

  private createTweet(req: Request, res: Response): void {
    const body = req.body as { text?: string; reply?: { in_reply_to_tweet_id?: string }; media?: { media_ids?: string[] } };
    const text = body.text ?? '';
    const forbidden = (detail: string) => res.status(403).json({ title: 'Forbidden', type: 'about:blank', status: 403, detail });
    if (!text && !body.media?.media_ids?.length)
      return void res.status(400).json({ title: 'Invalid Request', status: 400, detail: 'text or media required' });
    if (xLength(text) > 280) return void res.status(400).json({ title: 'Invalid Request', status: 400, detail: 'Your Tweet text is too long.' });
    if (this.posted.some((p) => p.text === text)) return void forbidden('You are not allowed to create a Tweet with duplicate content.');
    const inReplyTo = body.reply?.in_reply_to_tweet_id;
    if (inReplyTo && this.deleted.has(inReplyTo)) return void forbidden('You attempted to reply to a Tweet that is deleted or not visible to you.');
    for (const id of body.media?.media_ids ?? []) {
      if (!this.uploads.some((u) => u.id === id))
        return void res.status(400).json({ title: 'Invalid Request', status: 400, detail: `media id ${id} not found` });
    }
    const id = this.newId();
    this.posted.push({ id, text, inReplyTo, mediaIds: body.media?.media_ids ?? [] });
    res.status(201).json({ data: { id, text, edit_history_tweet_ids: [id] } });
  }
}
