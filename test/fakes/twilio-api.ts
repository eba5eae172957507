import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { twilioSignature } from '../../vendors/twilio/signature';

/** A message the fake accepted, as the SDK sent it. */
export interface FakeMessage {
  sid: string;
  accountSid: string;
  to: string;
  from: string;
  body: string;
  mediaUrl: string[];
  statusCallback?: string;
  /** When the fake "handed it to the carrier": at once, as Twilio does within a second or so. */
  dateSent: Date;
  status: string;
}

/** An error the fake answers the next message request with, shaped like Twilio's error JSON. */
export interface FakeTwilioError {
  status: number;
  code?: number;
  message?: string;
  /** Sent as the Retry-After header (429). */
  retryAfter?: string;
}

/** A status callback ready to send to our app, signed as Twilio signs it. */
export interface SignedCallback {
  path: string;
  headers: Record<string, string>;
  body: string;
}

const DEFAULT_MESSAGES: Record<number, string> = {
  21211: "The 'To' number {to} is not a valid phone number.",
  21610: 'Attempt to send to unsubscribed recipient',
  21614: "'To' number is not a valid mobile number",
  20429: 'Too Many Requests',
  20500: 'Internal Server Error',
};

function rfc2822(d: Date): string {
  return d.toUTCString().replace('GMT', '+0000');
}

/**
 * A local stand-in for Twilio's REST API Messages resource, which the real twilio SDK talks to
 * (TWILIO_API_BASE_URL). It checks Basic auth, answers like Twilio (201 with a message resource and an SM sid,
 * or Twilio's error JSON), records what it received, and can play Twilio's part in status callbacks.
 */
export class FakeTwilioApi {
  readonly messages: FakeMessage[] = [];
  /** Every request, including refused ones. */
  readonly requests: Array<{ method: string; path: string; authorized: boolean }> = [];
  private readonly errors: FakeTwilioError[] = [];
  private server?: http.Server;
  url = '';

  constructor(
    readonly accountSid = `AC${crypto.randomBytes(16).toString('hex')}`,
    readonly authToken = crypto.randomBytes(16).toString('hex'),
  ) {}

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => this.handle(req, Buffer.concat(chunks).toString('utf8'), res));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }

  /** Environment for testContext: live Twilio mode against this fake. */
  env(phoneNumber = '+16175550311'): Record<string, string> {
    return {
      TWILIO_ACCOUNT_SID: this.accountSid,
      TWILIO_AUTH_TOKEN: this.authToken,
      TWILIO_PHONE_NUMBER: phoneNumber,
      TWILIO_API_BASE_URL: this.url,
    };
  }

  /** The next message requests fail like this, in order. */
  failNext(...errors: FakeTwilioError[]): void {
    this.errors.push(...errors);
  }

  /**
   * Twilio's status callback for a message it accepted, signed with the auth token against the StatusCallback
   * URL the message was sent with (our PUBLIC_BASE_URL), ready to send to the app at that URL's path.
   */
  statusCallback(sid: string, status: string, errorCode?: string): SignedCallback {
    const m = this.messages.find((x) => x.sid === sid);
    if (!m?.statusCallback) throw new Error(`fake twilio: no message ${sid} with a StatusCallback`);
    const params: Record<string, string> = {
      AccountSid: this.accountSid,
      ApiVersion: '2010-04-01',
      From: m.from,
      MessageSid: sid,
      MessageStatus: status,
      SmsSid: sid,
      SmsStatus: status,
      To: m.to,
      ...(errorCode ? { ErrorCode: errorCode } : {}),
    };
    const url = new URL(m.statusCallback);
    return {
      path: url.pathname + url.search,
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': twilioSignature(this.authToken, m.statusCallback, params),
      },
      body: new URLSearchParams(params).toString(),
    };
  }

  private json(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
    res.end(JSON.stringify(body));
  }

  private error(res: http.ServerResponse, status: number, code: number, message: string, headers: Record<string, string> = {}): void {
    this.json(res, status, { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status }, headers);
  }

  /** A message resource as Twilio's JSON shows it. */
  private resource(m: FakeMessage): Record<string, unknown> {
    const uri = `/2010-04-01/Accounts/${this.accountSid}/Messages/${m.sid}.json`;
    return {
      account_sid: this.accountSid,
      api_version: '2010-04-01',
      body: m.body,
      date_created: rfc2822(m.dateSent),
      date_sent: rfc2822(m.dateSent),
      date_updated: rfc2822(m.dateSent),
      direction: 'outbound-api',
      error_code: null,
      error_message: null,
      from: m.from,
      messaging_service_sid: null,
      num_media: String(m.mediaUrl.length),
      num_segments: '1',
      price: null,
      price_unit: 'USD',
      sid: m.sid,
      status: m.status,
      subresource_uris: { media: uri.replace('.json', '/Media.json') },
      to: m.to,
      uri,
    };
  }

  /**
   * GET Messages.json, Twilio's message list: filtered by To, From and DateSent (`DateSent>` / `DateSent<`, whole
   * timestamps, inclusive as Twilio's are), newest first, one page of PageSize (default 50) with the paging keys.
   */
  private list(url: URL, res: http.ServerResponse): void {
    const q = url.searchParams;
    const after = q.get('DateSent>');
    const before = q.get('DateSent<');
    const pageSize = Math.min(1000, Number(q.get('PageSize') ?? 50) || 50);
    const found = this.messages
      .filter((m) => (!q.get('To') || m.to === q.get('To')) && (!q.get('From') || m.from === q.get('From')))
      .filter((m) => (!after || m.dateSent.getTime() >= Date.parse(after)) && (!before || m.dateSent.getTime() <= Date.parse(before)))
      .reverse()
      .slice(0, pageSize);
    const uri = `${url.pathname}${url.search}`;
    this.json(res, 200, {
      end: Math.max(0, found.length - 1),
      first_page_uri: uri,
      messages: found.map((m) => this.resource(m)),
      next_page_uri: null,
      page: 0,
      page_size: pageSize,
      previous_page_uri: null,
      start: 0,
      uri,
    });
  }

  private handle(req: http.IncomingMessage, raw: string, res: http.ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://fake');
    const path = url.pathname;
    const expected = `Basic ${Buffer.from(`${this.accountSid}:${this.authToken}`).toString('base64')}`;
    const authorized = req.headers.authorization === expected;
    this.requests.push({ method: req.method ?? '', path, authorized });
    const match = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/.exec(path);
    if (!match || (req.method !== 'POST' && req.method !== 'GET')) return this.error(res, 404, 20404, 'The requested resource was not found');
    if (!authorized) return this.error(res, 401, 20003, 'Authenticate');
    if (match[1] !== this.accountSid) return this.error(res, 404, 20404, `The requested resource ${path} was not found`);
    if (req.method === 'GET') return this.list(url, res);
    const form = new URLSearchParams(raw);
    const to = form.get('To') ?? '';
    const injected = this.errors.shift();
    if (injected) {
      const code = injected.code ?? (injected.status === 429 ? 20429 : injected.status >= 500 ? 20500 : 21211);
      const message = (injected.message ?? DEFAULT_MESSAGES[code] ?? 'Error').replace('{to}', to);
      return this.error(res, injected.status, code, message, injected.retryAfter ? { 'retry-after': injected.retryAfter } : {});
    }
    if (!to) return this.error(res, 400, 21604, "A 'To' phone number is required.");
    const body = form.get('Body') ?? '';
    const mediaUrl = form.getAll('MediaUrl');
    if (!body && !mediaUrl.length) return this.error(res, 400, 21602, 'Message body is required.');
    if (body.length > 1600) return this.error(res, 400, 21617, 'The concatenated message body exceeds the 1600 character limit.');
    const message: FakeMessage = {
      sid: `SM${crypto.randomBytes(16).toString('hex')}`,
      accountSid: this.accountSid,
      to,
      from: form.get('From') ?? '',
      body,
      mediaUrl,
      statusCallback: form.get('StatusCallback') ?? undefined,
      dateSent: new Date(),
      status: 'queued',
    };
    this.messages.push(message);
    // Twilio answers the create with the message not yet handed on: no date_sent yet, status queued.
    this.json(res, 201, { ...this.resource(message), date_sent: null });
  }
}

/** Starts a fake Twilio REST API on 127.0.0.1 and a random port. */
export function startFakeTwilioApi(accountSid?: string, authToken?: string): Promise<FakeTwilioApi> {
  return new FakeTwilioApi(accountSid, authToken).start();
}
