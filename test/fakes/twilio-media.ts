import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the fake served, for assertions (the auth it carried, what it answered). */
export interface MediaRequest {
  path: string;
  authorized: boolean;
  status: number;
}

/** An MMS picture the fake serves, and how: `stallFirst` requests get the headers and half the bytes, then nothing. */
interface MmsMedia {
  bytes: Buffer;
  contentType: string;
  stallFirst: number;
  /** Send no Content-Length (chunked), so only counting the bytes finds the size. */
  chunked: boolean;
}

/**
 * A fake of Twilio's media: call recordings (`GET /2010-04-01/Accounts/{AccountSid}/Recordings/{RecordingSid}.wav`)
 * and MMS pictures (`.../Messages/{MessageSid}/Media/{MediaSid}`), with HTTP Basic auth (AccountSid:AuthToken),
 * answering Twilio-style JSON errors (401 code 20003, 404 code 20404). A recording can be made "not ready yet"
 * for its first requests, as right after a call; a picture can stall mid-download, as a dying connection does.
 */
export class FakeTwilioMedia {
  readonly requests: MediaRequest[] = [];
  private readonly recordings = new Map<string, Buffer>();
  private readonly notReady = new Map<string, number>();
  private readonly mms = new Map<string, MmsMedia>();
  private readonly stalled = new Set<http.ServerResponse>();
  private server?: http.Server;
  private port = 0;

  constructor(
    readonly accountSid: string,
    private readonly authToken: string,
  ) {}

  /** The fake's base URL: the value for TWILIO_API_BASE_URL. */
  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The RecordingUrl Twilio puts in webhooks (on its API host; the app rebases it onto TWILIO_API_BASE_URL). */
  recordingUrl(recordingSid: string): string {
    return `https://api.twilio.com/2010-04-01/Accounts/${this.accountSid}/Recordings/${recordingSid}`;
  }

  add(recordingSid: string, wav: Buffer, notReadyForFirst = 0): void {
    this.recordings.set(recordingSid, wav);
    if (notReadyForFirst > 0) this.notReady.set(recordingSid, notReadyForFirst);
  }

  /** The MediaUrlN Twilio puts in an MMS webhook (on its API host; rebased onto TWILIO_API_BASE_URL). */
  mmsUrl(messageSid: string, mediaSid: string): string {
    return `https://api.twilio.com/2010-04-01/Accounts/${this.accountSid}/Messages/${messageSid}/Media/${mediaSid}`;
  }

  addMms(messageSid: string, mediaSid: string, bytes: Buffer, options: { contentType?: string; stallFirst?: number; chunked?: boolean } = {}): void {
    this.mms.set(`${messageSid}/${mediaSid}`, {
      bytes,
      contentType: options.contentType ?? 'image/jpeg',
      stallFirst: options.stallFirst ?? 0,
      chunked: options.chunked ?? false,
    });
  }

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    for (const res of this.stalled) res.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const path = (req.url ?? '').split('?')[0];
    const expected = `Basic ${Buffer.from(`${this.accountSid}:${this.authToken}`).toString('base64')}`;
    const authorized = req.headers.authorization === expected;
    const reply = (status: number, body: Buffer | object, type = 'application/json') => {
      this.requests.push({ path, authorized, status });
      res.writeHead(status, { 'content-type': type });
      res.end(Buffer.isBuffer(body) ? body : JSON.stringify(body));
    };
    const picture = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\/([^/]+)\/Media\/([^/.]+)$/.exec(path);
    if (req.method === 'GET' && picture) {
      if (!authorized || picture[1] !== this.accountSid) return reply(401, { code: 20003, message: 'Authenticate', status: 401 });
      const media = this.mms.get(`${picture[2]}/${picture[3]}`);
      if (!media) return reply(404, { code: 20404, message: `Media ${picture[3]} was not found`, status: 404 });
      this.requests.push({ path, authorized, status: 200 });
      res.writeHead(200, { 'content-type': media.contentType, ...(media.chunked ? {} : { 'content-length': String(media.bytes.length) }) });
      if (media.stallFirst > 0) {
        media.stallFirst--;
        this.stalled.add(res);
        res.write(media.bytes.subarray(0, Math.floor(media.bytes.length / 2)));
        return;
      }
      res.end(media.bytes);
      return;
    }
    const match = /^\/2010-04-01\/Accounts\/([^/]+)\/Recordings\/([^/.]+)\.wav$/.exec(path);
    if (req.method !== 'GET' || !match) return reply(404, { code: 20404, message: `The requested resource ${path} was not found`, status: 404 });
    if (!authorized || match[1] !== this.accountSid) return reply(401, { code: 20003, message: 'Authenticate', status: 401 });
    const sid = match[2];
    const wav = this.recordings.get(sid);
    const pending = this.notReady.get(sid) ?? 0;
    if (!wav || pending > 0) {
      if (pending > 0) this.notReady.set(sid, pending - 1);
      return reply(404, { code: 20404, message: `Recording ${sid} was not found`, status: 404 });
    }
    reply(200, wav, 'audio/x-wav');
  }
}
