import express, { type ErrorRequestHandler, Router } from 'express';
import type { ChannelContext } from '../../src/channels/channel';
import { cleanText } from '../../src/domain/clean-text';
import { InputError } from '../../src/errors';
import { verifyTwilio } from '../../vendors/twilio/signature';
import { recordDeliveryStatus } from './delivery-status';
import { handleInboundSms } from './handle-message';
import { parseInboundSms } from './inbound';
import { messagingTwiml } from './twiml';

/** Twilio's webhook bodies are a few kilobytes even with ten media URLs; anything much larger is not Twilio. */
const BODY_LIMIT = '32kb';
const APOLOGY =
  'Sorry, we could not take your message just now. Please try again in a few minutes. / Lo sentimos, no pudimos recibir su mensaje. Inténtelo de nuevo en unos minutos.';

function slowDown(retryAfterMs: number): string {
  const minutes = Math.max(1, Math.ceil(retryAfterMs / 60000));
  return `You have sent many messages in a short time. Please wait ${minutes} min and try again. / Ha enviado muchos mensajes en poco tiempo. Espere ${minutes} min e inténtelo de nuevo.`;
}

function field(body: unknown, name: string): string | undefined {
  const value = (body as Record<string, unknown> | undefined)?.[name];
  const text = typeof value === 'string' ? cleanText(value).trim() : '';
  return text || undefined;
}

/** The notification id our StatusCallback URL carries (`?n=`), checked: it came through Twilio's signature, but only digits are an id. */
function notificationParam(query: unknown): number | undefined {
  const raw = (query as Record<string, unknown> | undefined)?.n;
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string' || !/^\d{1,15}$/.test(raw))
    throw new InputError('sms status: query parameter n must be a notification id (digits)', 'n');
  return Number(raw);
}

/** Bad input to a Twilio route is a plain-text 400 naming the problem; never a 500. */
function badRequest(ctx: ChannelContext): ErrorRequestHandler {
  return (err, req, res, next) => {
    if (res.headersSent) return next(err);
    const status = (err as { status?: number; type?: string }).status;
    if (err instanceof InputError || (status && status >= 400 && status < 500)) {
      const message =
        err instanceof InputError
          ? err.message
          : status === 413
            ? `sms: request body is larger than ${BODY_LIMIT}`
            : `sms: unreadable request body (${(err as Error).message}); send application/x-www-form-urlencoded UTF-8`;
      res.status(400).type('text/plain').send(message);
      return;
    }
    ctx.log.error({ err, path: req.path }, 'sms: webhook failed');
    // Mounted at /channels/sms, so the Messaging webhook itself is `/` here and the status callback `/status`.
    if (req.path === '/')
      res
        .status(200)
        .type('text/xml')
        .send(messagingTwiml([APOLOGY]));
    else res.status(500).type('text/plain').send('sms: could not record the status; Twilio may retry');
  };
}

/**
 * POST /channels/sms (Twilio Messaging webhook: answers TwiML) and POST /channels/sms/status (delivery
 * callbacks). Both parse a small form body, then verify X-Twilio-Signature against PUBLIC_BASE_URL before
 * anything is read or stored.
 */
export function smsRoutes(ctx: ChannelContext): Router {
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: BODY_LIMIT, parameterLimit: 200 });
  const verify = verifyTwilio(ctx.twilioSigningSecret, ctx.config.publicBaseUrl);

  router.post('/channels/sms', form, verify, async (req, res) => {
    const budget = await ctx.limits.hit('smsMessages', field(req.body, 'From') ?? '');
    if (!budget.allowed) {
      // Twilio would only log a 429; the texter is told once per window to slow down, then gets silence (no texts billed).
      res
        .status(200)
        .type('text/xml')
        .send(messagingTwiml(budget.firstRefusal ? [slowDown(budget.retryAfterMs)] : []));
      return;
    }
    const sms = parseInboundSms(req.body ?? {});
    const { replies, replayed } = await handleInboundSms(ctx, sms);
    ctx.log.info({ messageSid: sms.messageSid, replayed, replies: replies.length, media: sms.media.length }, 'sms: message handled');
    res.status(200).type('text/xml').send(messagingTwiml(replies));
  });

  router.post('/channels/sms/status', form, verify, async (req, res) => {
    const messageSid = field(req.body, 'MessageSid') ?? field(req.body, 'SmsSid');
    const messageStatus = field(req.body, 'MessageStatus') ?? field(req.body, 'SmsStatus');
    if (!messageSid) throw new InputError('sms status: missing MessageSid field', 'MessageSid');
    if (!messageStatus) throw new InputError('sms status: missing MessageStatus field', 'MessageStatus');
    const notificationId = notificationParam(req.query);
    const known = await recordDeliveryStatus(ctx.port, { messageSid, messageStatus, errorCode: field(req.body, 'ErrorCode'), notificationId });
    ctx.log.info({ messageSid, messageStatus, known }, 'sms: delivery status');
    res.status(204).end();
  });

  router.use('/channels/sms', badRequest(ctx));
  return router;
}
