import express, { type Request, type Response, Router } from 'express';
import type { ChannelContext, Config } from '../../src/channels/channel';
import { simulationSecret } from '../../src/channels/web';
import { verifyXWebhookSignature, xCrcResponse } from '../../vendors/x/signature';
import { handleMention } from './handle-mention';
import { fromV1 } from './parse-v1';
import { parseV1Tweet } from './v1-tweet-shape';

/** Account Activity bodies are small JSON; this bounds what an unauthenticated sender can make us buffer. */
const MAX_BODY = '1mb';

/**
 * The consumer secret X signs webhooks with: the app secret in live mode; in simulated mode the local
 * simulation secret in DATA_DIR, which `/try` and `simulate tweet` sign with. Never empty.
 */
export function webhookSecret(config: Pick<Config, 'twitter' | 'dataDir'>): string {
  return config.twitter.mode === 'live' ? config.twitter.appSecret : simulationSecret(config.dataDir);
}

/**
 * X's Account Activity webhook. GET answers the challenge-response check; POST takes signed events.
 * The signature is checked on the raw bytes before anything is parsed, and a bad one changes nothing.
 */
export function twitterWebhookRoutes(ctx: ChannelContext): Router {
  const router = Router();
  const secret = webhookSecret(ctx.config);

  router.get('/channels/twitter/webhook', (req: Request, res: Response) => {
    const token = req.query.crc_token;
    if (typeof token !== 'string' || token.length === 0) {
      res.status(400).json({ error: { code: 'invalid_input', message: 'twitter webhook: missing crc_token query parameter' } });
      return;
    }
    const answer = xCrcResponse(secret, token);
    if (!answer) {
      res.status(400).json({
        error: {
          code: 'invalid_input',
          message: 'twitter webhook: crc_token must be 8-128 base64 characters (letters, digits, - _ + /) as X sends it',
        },
      });
      return;
    }
    res.json(answer);
  });

  router.post('/channels/twitter/webhook', express.raw({ type: () => true, limit: MAX_BODY }), async (req: Request, res: Response) => {
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    if (!verifyXWebhookSignature(secret, raw, req.get('x-twitter-webhooks-signature'))) {
      ctx.metrics.inboundMessages.inc({ channel: 'twitter', outcome: 'rejected' });
      res.status(403).json({ error: { code: 'forbidden', message: 'twitter webhook: bad or missing x-twitter-webhooks-signature' } });
      return;
    }
    const refuse = (message: string) => void res.status(400).json({ error: { code: 'invalid_input', message: `twitter webhook: ${message}` } });
    let event: unknown;
    try {
      event = JSON.parse(raw.toString('utf8'));
    } catch {
      return refuse('body is not JSON');
    }
    if (!event || typeof event !== 'object' || Array.isArray(event)) return refuse('body must be a JSON object (an Account Activity event)');
    const tweets = (event as { tweet_create_events?: unknown }).tweet_create_events;
    if (tweets !== undefined && !Array.isArray(tweets)) return refuse('tweet_create_events must be an array of tweets');
    const outcomes = [];
    // Other event kinds (likes, follows, DMs) are acknowledged and left alone: only tweets can be reports.
    for (const item of tweets ?? []) {
      const tweet = parseV1Tweet(item);
      if (!tweet) continue;
      outcomes.push({ id: tweet.id_str, ...(await handleMention(ctx, fromV1(tweet))) });
    }
    res.json({ ok: true, outcomes });
  });

  return router;
}
