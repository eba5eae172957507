import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedEvent {
  body: Record<string, unknown>;
  /** Whether the signature checked out with the shared secret, done here independently of our own verifier. */
  signed: boolean;
  timestamp: number;
}

/**
 * A downstream system's webhook endpoint: it checks our HMAC-SHA256 signature, keeps the first of each event id
 * (as the documented contract asks receivers to), and answers with the status codes it is told to, then 200.
 */
export class WebhookReceiver {
  readonly events: ReceivedEvent[] = [];
  readonly answers: number[] = [];
  private server?: http.Server;

  constructor(private readonly secret: string) {}

  get url(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}/hook`;
  }

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(chunks);
        const header = String(req.headers['x-intake311-signature'] ?? '');
        const t = Number(/t=(\d+)/.exec(header)?.[1]);
        const v1 = /v1=([0-9a-f]+)/.exec(header)?.[1] ?? '';
        const mac = crypto
          .createHmac('sha256', this.secret)
          .update(`${t}.${raw.toString('utf8')}`)
          .digest('hex');
        const status = this.answers.shift() ?? 200;
        const body = JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
        if (status === 200 && !this.events.some((e) => e.body.id === body.id)) this.events.push({ body, signed: mac === v1, timestamp: t });
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(status === 200 ? { external_id: `WO-${(body.case as { id: number }).id}` } : { error: 'rejected by the test' }));
      });
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', () => r()));
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }
}
