import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ChannelModule } from '../../src/channels/channel';
import type { ChannelName } from '../../src/domain/types';
import { PermanentSendError, RateLimitedError, RecipientOptedOutError, TransientSendError } from '../../src/errors';
import type { OutboundMessage, Publisher, SendResult } from '../../src/outbound/publisher';
import type { TextBudget } from '../../src/outbound/text-budget';

/** One answer the fake gives instead of accepting: an HTTP status, headers, and a JSON error body. */
export interface ScriptedAnswer {
  status: number;
  headers?: Record<string, string>;
  /** `opted_out`: the recipient told the provider to stop; `recipient_gone`: the address is no good. */
  body?: { code?: number; message?: string; recipient_gone?: boolean; opted_out?: boolean };
}

export interface AcceptedMessage {
  id: string;
  channel: string;
  to: string;
  text: string;
  mediaUrl?: string;
  at: number;
}

/**
 * A generic messaging provider on 127.0.0.1: `POST /<channel>/messages` with JSON {to, text, media_url}
 * answers 201 {id} and records the message, unless a scripted answer (429, 5xx, 4xx) is queued for that
 * channel. It has no rate limit of its own, so reliability tests and the publish benchmark measure our side.
 */
export class FakeProvider {
  readonly accepted: AcceptedMessage[] = [];
  /** Every request, accepted or not, in arrival order. */
  readonly requests: Array<{ channel: string; at: number; status: number }> = [];
  private readonly scripts = new Map<string, ScriptedAnswer[]>();
  private server?: http.Server;
  private counter = 0;
  url = '';

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => this.handle(req, res));
    this.server.keepAliveTimeout = 1000;
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** Queues answers for the next requests on `channel`; after them the fake accepts again. */
  script(channel: string, answers: ScriptedAnswer[]): void {
    this.scripts.set(channel, [...(this.scripts.get(channel) ?? []), ...answers]);
  }

  acceptedFor(channel: string): AcceptedMessage[] {
    return this.accepted.filter((m) => m.channel === channel);
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const match = /^\/([a-z0-9]+)\/messages$/.exec(req.url ?? '');
      if (req.method !== 'POST' || !match) return this.reply(res, 404, { message: 'not found' });
      const channel = match[1];
      const scripted = this.scripts.get(channel)?.shift();
      this.requests.push({ channel, at: Date.now(), status: scripted?.status ?? 201 });
      if (scripted) return this.reply(res, scripted.status, scripted.body ?? {}, scripted.headers);
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { to: string; text: string; media_url?: string };
      const id = `FP${++this.counter}`;
      this.accepted.push({ id, channel, to: body.to, text: body.text, mediaUrl: body.media_url, at: Date.now() });
      this.reply(res, 201, { id, status: 'queued' });
    });
  }

  private reply(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  }
}

/** Hooks a test can use to act at the moment the provider accepted a message (e.g. kill the worker). */
export interface FakePublisherHooks {
  afterAccepted?(result: SendResult, message: OutboundMessage): Promise<void> | void;
}

/** A Publisher that talks HTTP to the fake and maps its answers onto the typed send errors, as a real channel would. */
export function fakePublisher(providerUrl: string, channel: string, hooks: FakePublisherHooks = {}): Publisher {
  return {
    async send(message: OutboundMessage): Promise<SendResult> {
      let res: Response;
      try {
        res = await fetch(`${providerUrl}/${channel}/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ to: message.notification.recipient, text: message.text, media_url: message.mediaUrl }),
        });
      } catch (err) {
        throw new TransientSendError(`fake ${channel}: ${(err as Error).message}`);
      }
      const body = (await res.json()) as {
        id?: string;
        status?: string;
        code?: number;
        message?: string;
        recipient_gone?: boolean;
        opted_out?: boolean;
      };
      if (res.status === 429)
        throw new RateLimitedError(`fake ${channel}: 429 too many requests`, Number(res.headers.get('retry-after') ?? '1') * 1000);
      if (res.status >= 500) throw new TransientSendError(`fake ${channel}: ${res.status}`, res.status);
      if (res.status >= 400 && body.opted_out === true)
        throw new RecipientOptedOutError(`fake ${channel}: ${body.message ?? res.status}`, body.code ?? res.status);
      if (res.status >= 400)
        throw new PermanentSendError(`fake ${channel}: ${body.message ?? res.status}`, body.code ?? res.status, body.recipient_gone === true);
      const result = { providerId: body.id as string, status: body.status };
      await hooks.afterAccepted?.(result, message);
      return result;
    },
  };
}

/** A channel module whose publisher sends to the fake provider, with the text budget a real channel would declare (or none). */
export function fakeChannel(name: ChannelName, provider: FakeProvider, textBudget?: TextBudget, hooks?: FakePublisherHooks): ChannelModule {
  return { name, textBudget, publisher: () => fakePublisher(provider.url, name, hooks) };
}
