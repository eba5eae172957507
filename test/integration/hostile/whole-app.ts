import type { Express } from 'express';
import request from 'supertest';
import { webhookSecret } from '../../../channels/twitter/webhook-routes';
import { createApp } from '../../../src/http/app';
import { CHANNELS } from '../../../src/registry';
import { createToken } from '../../../src/storage/tokens-repo';
import { twilioSignature } from '../../../vendors/twilio/signature';
import { signXWebhookBody as twitterHmac } from '../../../vendors/x/signature';
import { type TestContext, testContext } from '../../support/context';
import { freshPgDatabase } from '../../support/db';

/** Every channel's routes on a fresh PostgreSQL schema, with keys and the signing secrets a provider would have. */
export async function wholeApp(): Promise<{
  ctx: TestContext;
  app: Express;
  open311Key: string;
  staffToken: string;
  /** Posts form fields to a Twilio webhook path with a valid X-Twilio-Signature. */
  twilio(path: string, fields: Record<string, string>): request.Test;
  /** Posts a body to the X webhook with a valid signature. */
  x(body: string): request.Test;
  close(): Promise<void>;
}> {
  const db = await freshPgDatabase();
  const ctx = await testContext(db, { channels: CHANNELS });
  const app = createApp(ctx, CHANNELS);
  return {
    ctx,
    app,
    open311Key: await createToken(db, 'hostile app', 'open311'),
    staffToken: await createToken(db, 'hostile staff', 'staff'),
    twilio: (path, fields) =>
      request(app)
        .post(path)
        .type('form')
        .set('X-Twilio-Signature', twilioSignature(ctx.twilioSigningSecret, ctx.config.publicBaseUrl + path, fields))
        .send(fields),
    x: (body) =>
      request(app)
        .post('/channels/twitter/webhook')
        .set('Content-Type', 'application/json')
        .set('X-Twitter-Webhooks-Signature', twitterHmac(webhookSecret(ctx.config), body))
        .send(body),
    close: async () => {
      await ctx.queue.close();
      await db.close();
    },
  };
}
