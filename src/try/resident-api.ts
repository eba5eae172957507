import crypto from 'node:crypto';
import { json, type NextFunction, type Request, type Response, Router } from 'express';
import type { CityEnd, ResidentSimulator } from '../channels/simulator';
import { SimulatorError } from '../channels/simulator-error';
import type { AppContext } from '../context';
import type { ChannelName } from '../domain/types';
import { InputError } from '../errors';
import { simulationSecret } from '../simulation-secret';
import type { ChannelMode, SimulatedChannel } from './availability';
import { callRoutes } from './call-routes';
import { conversationRoutes } from './conversation-routes';
import { simulatorLink } from './link';
import { loopbackBase } from './loopback';
import { streamDeliveries } from './notification-stream';
import { postRoutes } from './post-routes';

/** One simulated channel as /try and `simulate` see it. */
export interface TryChannelInfo {
  mode: ChannelMode;
  notice?: string;
  style: ResidentSimulator['style'];
  /** The pane's id, the API path segment and the command line's word. */
  slug: string;
  title: string;
  city: CityEnd;
  /** The channel whose messages to this resident the stream carries. */
  replies_on: ChannelName;
  max_length: number;
}

/** What /try and `simulate` need to know about this service to play the residents' vendors. */
export interface TryInfo {
  public_base_url: string;
  /** By channel name, in registry order. */
  channels: Record<string, TryChannelInfo>;
  /** A hash of the simulation secret, so `simulate` can tell it was started with another DATA_DIR. */
  secret_fingerprint: string;
}

/** A short, one-way fingerprint of the simulation secret (the secret itself never leaves DATA_DIR). */
export function secretFingerprint(secret: string): string {
  return crypto.createHash('sha256').update(`intake311-try:${secret}`).digest('hex').slice(0, 16);
}

function channelInfo(c: SimulatedChannel): TryChannelInfo {
  const s = c.simulator;
  return {
    mode: c.mode,
    notice: c.notice,
    style: s.style,
    slug: s.slug,
    title: s.words.title,
    city: c.profile.city,
    replies_on: s.repliesOn ?? c.name,
    max_length: s.maxLength,
  };
}

/** The resident side of /try: each simulated channel's API, driven by its simulator's style, and the stream of what comes back. */
export function residentApiRoutes(ctx: AppContext, channels: readonly SimulatedChannel[]): Router {
  const router = Router();
  const { config } = ctx;
  const secret = simulationSecret(config.dataDir);
  const linkFor = (req: Request) => simulatorLink({ secret, publicBaseUrl: config.publicBaseUrl, targetBaseUrl: loopbackBase(req) });
  const byName = new Map<string, SimulatedChannel>(channels.map((c) => [c.name, c]));
  const refuse = (res: Response, c: SimulatedChannel) =>
    void res
      .status(c.mode === 'live' ? 403 : 503)
      .json({ error: { code: c.mode === 'live' ? 'channel_live' : 'channel_unavailable', message: c.notice } });

  router.get('/try/api/info', (_req, res) => {
    const info: TryInfo = {
      public_base_url: config.publicBaseUrl,
      channels: Object.fromEntries(channels.map((c) => [c.name, channelInfo(c)])),
      secret_fingerprint: secretFingerprint(secret),
    };
    res.json(info);
  });

  router.get('/try/api/stream', (req, res) => {
    const name = String(req.query.channel ?? '');
    const address = String(req.query.address ?? '');
    const after = Number(req.query.after ?? 0);
    const channel = byName.get(name);
    if (!channel) throw new InputError(`channel "${name}" must be one of ${[...byName.keys()].join(', ')}`, 'channel');
    if (!address || address.length > 64) throw new InputError('address must be the simulated phone number or account id', 'address');
    if (!Number.isInteger(after) || after < 0)
      throw new InputError(`after "${String(req.query.after)}" must be a notification id (0 for all)`, 'after');
    // A live channel's messages go to real residents: never stream them.
    if (channel.mode === 'live') return refuse(res, channel);
    streamDeliveries(ctx, req, res, channel.name, address, after);
  });

  router.use('/try/api', json({ limit: '16kb' }));

  for (const channel of channels) {
    const s = channel.simulator;
    router.use(`/try/api/${s.slug}`, (_req, res, next) => (channel.mode === 'simulated' ? next() : refuse(res, channel)));
    if (s.style === 'conversation') router.use(conversationRoutes(channel, s, linkFor));
    else if (s.style === 'call') router.use(callRoutes(channel, s, linkFor));
    else router.use(postRoutes(channel, s, linkFor));
  }

  router.use('/try/api', (err: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (!(err instanceof SimulatorError)) return next(err);
    // A rejected signature or a missing route behind /try is the service's fault, not the browser's request.
    const status = err.status === 403 || err.status === 404 || err.status >= 500 ? 502 : err.status;
    res.status(status).json({ error: { code: 'simulator', message: err.message } });
  });
  return router;
}
