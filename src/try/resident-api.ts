import crypto from 'node:crypto';
import { json, Router, type NextFunction, type Request, type Response } from 'express';
import type { AppContext } from '../context';
import { InputError, NotFoundError } from '../errors';
import { simulationSecret } from '../simulation-secret';
import { modeNotice, SIMULATED_CHANNELS, type ChannelMode, type SimulatedChannel } from './availability';
import { loopbackBase } from './loopback';
import { streamDeliveries } from './notification-stream';
import { ProviderClient } from './provider-client';
import { SimulatorError } from './simulator-error';
import { sendSms } from './sms';
import { sendTweet } from './tweet';
import { VoiceCall } from './voice-call';

/** What /try and `simulate` need to know about this service to play the residents' providers. */
export interface TryInfo {
  public_base_url: string;
  twilio_number: string;
  twitter: { handle: string; user_id: string };
  channels: Record<SimulatedChannel, { mode: ChannelMode; notice?: string }>;
  /** A hash of the simulation secret, so `simulate` can tell it was started with another DATA_DIR. */
  secret_fingerprint: string;
}

/** A short, one-way fingerprint of the simulation secret (the secret itself never leaves DATA_DIR). */
export function secretFingerprint(secret: string): string {
  return crypto.createHash('sha256').update(`intake311-try:${secret}`).digest('hex').slice(0, 16);
}

const PHONE = /^\+?[0-9]{5,15}$/;
const CALL_IDLE_MS = 30 * 60 * 1000;
const MAX_CALLS = 500;

function text(body: unknown, key: string, max: number): string {
  const v = body && typeof body === 'object' ? (body as Record<string, unknown>)[key] : undefined;
  if (typeof v !== 'string') return '';
  if (v.length > max) throw new InputError(`${key} is longer than ${max} characters; shorten it`, key);
  return v.trim();
}

function phone(body: unknown, key: string): string {
  const v = text(body, key, 20);
  if (!PHONE.test(v)) throw new InputError(`${key} "${v}" must be a phone number such as +16175550123`, key);
  return v;
}

/** The resident side of /try: SMS, calls and tweets signed like the providers', and the stream of what comes back. */
export function residentApiRoutes(ctx: AppContext, modes: Record<SimulatedChannel, ChannelMode>): Router {
  const router = Router();
  const { config } = ctx;
  const secret = simulationSecret(config.dataDir);
  const clientFor = (req: Request) => new ProviderClient({ secret, publicBaseUrl: config.publicBaseUrl, targetBaseUrl: loopbackBase(req) });
  const city = { userId: config.twitter.userId, handle: config.twitter.handle };
  const calls = new Map<string, { call: VoiceCall; touched: number }>();

  const requireSimulated = (channel: SimulatedChannel) => (_req: Request, res: Response, next: NextFunction) => {
    const mode = modes[channel];
    if (mode === 'simulated') return next();
    res.status(mode === 'live' ? 403 : 503).json({ error: { code: mode === 'live' ? 'channel_live' : 'channel_unavailable', message: modeNotice(channel, mode) } });
  };

  router.get('/try/api/info', (_req, res) => {
    const info: TryInfo = {
      public_base_url: config.publicBaseUrl,
      twilio_number: config.twilio.phoneNumber,
      twitter: { handle: city.handle, user_id: city.userId },
      channels: Object.fromEntries(SIMULATED_CHANNELS.map((c) => [c, { mode: modes[c], notice: modeNotice(c, modes[c]) }])) as TryInfo['channels'],
      secret_fingerprint: secretFingerprint(secret),
    };
    res.json(info);
  });

  router.get('/try/api/stream', (req, res) => {
    const channel = String(req.query.channel ?? '') as SimulatedChannel;
    const address = String(req.query.address ?? '');
    const after = Number(req.query.after ?? 0);
    if (!SIMULATED_CHANNELS.includes(channel)) throw new InputError(`channel "${channel}" must be one of ${SIMULATED_CHANNELS.join(', ')}`, 'channel');
    if (!address || address.length > 64) throw new InputError('address must be the simulated phone number or X user id', 'address');
    if (!Number.isInteger(after) || after < 0) throw new InputError(`after "${String(req.query.after)}" must be a notification id (0 for all)`, 'after');
    // A live channel's messages go to real residents: never stream them.
    if (modes[channel] === 'live') return void res.status(403).json({ error: { code: 'channel_live', message: modeNotice(channel, 'live') } });
    streamDeliveries(ctx, req, res, channel, address, after);
  });

  router.use('/try/api', json({ limit: '16kb' }));

  router.post('/try/api/sms', requireSimulated('sms'), async (req, res) => {
    const from = phone(req.body, 'from');
    const body = text(req.body, 'body', 1600);
    const media = text(req.body, 'media_url', 2000);
    if (!body && !media) throw new InputError('body is empty: type a message (or attach a photo URL)', 'body');
    if (media && !/^https?:\/\//i.test(media)) throw new InputError(`media_url "${media}" must be an http(s) URL`, 'media_url');
    const replies = await sendSms(clientFor(req), { from, to: config.twilio.phoneNumber, body, mediaUrls: media ? [media] : [] });
    res.json({ replies });
  });

  router.post('/try/api/voice', requireSimulated('voice'), async (req, res) => {
    const now = Date.now();
    for (const [sid, entry] of calls) if (entry.call.ended || now - entry.touched > CALL_IDLE_MS) calls.delete(sid);
    if (calls.size >= MAX_CALLS) {
      return void res.status(429).json({ error: { code: 'too_many_calls', message: 'too many simulated calls in progress; hang up some and try again' } });
    }
    const call = new VoiceCall(clientFor(req), config.publicBaseUrl, phone(req.body, 'from'), config.twilio.phoneNumber);
    calls.set(call.callSid, { call, touched: now });
    res.json({ call_sid: call.callSid, ...(await call.start()) });
  });

  router.post('/try/api/voice/:callSid', requireSimulated('voice'), async (req, res) => {
    const sid = String(req.params.callSid);
    const entry = calls.get(sid);
    if (!entry) throw new NotFoundError(`call ${sid} is not in progress: start a new call`);
    entry.touched = Date.now();
    if (req.body?.hangup === true) {
      await entry.call.hangUp();
      calls.delete(sid);
      res.json({ prompts: [], ended: true });
      return;
    }
    res.json(await entry.call.answer(text(req.body, 'input', 1000)));
  });

  router.post('/try/api/tweet', requireSimulated('twitter'), async (req, res) => {
    const userId = text(req.body, 'user_id', 20);
    const screenName = text(req.body, 'screen_name', 15).replace(/^@/, '');
    const body = text(req.body, 'text', 280);
    const inReplyTo = text(req.body, 'in_reply_to', 20);
    if (!/^\d{1,20}$/.test(userId)) throw new InputError(`user_id "${userId}" must be a numeric X user id`, 'user_id');
    if (!/^\w{1,15}$/.test(screenName)) throw new InputError(`screen_name "${screenName}" must be 1-15 letters, digits or _`, 'screen_name');
    if (!body) throw new InputError('text is empty: type the tweet', 'text');
    const receipt = await sendTweet(clientFor(req), city, { userId, screenName, text: body, inReplyTo: inReplyTo || undefined });
    res.json({ tweet_id: receipt.tweetId, outcome: receipt.outcome ?? null });
  });

  router.use('/try/api', (err: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (!(err instanceof SimulatorError)) return next(err);
    // A rejected signature or a missing route behind /try is the service's fault, not the browser's request.
    const status = err.status === 403 || err.status === 404 || err.status >= 500 ? 502 : err.status;
    res.status(status).json({ error: { code: 'simulator', message: err.message } });
  });
  return router;
}
