import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Express } from 'express';
import request from 'supertest';
import { open311Channel } from '../../../channels/open311';
import { smsChannel } from '../../../channels/sms';
import { loadConfig } from '../../../src/config';
import type { AppContext } from '../../../src/context';
import { createApp } from '../../../src/http/app';
import { listCaseMedia, type MediaItem } from '../../../src/media/media-repo';
import { startMediaWorker } from '../../../src/media/media-worker';
import type { Resolver } from '../../../src/media/safe-fetch';
import { buildContext } from '../../../src/runtime';
import { createToken } from '../../../src/storage/tokens-repo';
import { twilioSignature } from '../../../vendors/twilio/signature';
import { FakeTwilioMedia } from '../../fakes/twilio-media';
import { freshPgDatabase } from '../../support/db';
import { KeywordClassifier } from '../../support/keyword-classifier';

export const ACCOUNT_SID = `AC${'7'.repeat(32)}`;
export const AUTH_TOKEN = 'media-test-auth-token';
export const BASE_URL = 'https://311.example.gov';

export interface MediaHarness {
  ctx: AppContext;
  app: Express;
  twilio: FakeTwilioMedia;
  dataDir: string;
  staffToken: string;
  apiKey: string;
  /** A resident's MMS through the signed webhook; answers the case id from the reply. */
  mms(body: string, pictures: { messageSid: string; mediaSid: string; contentType?: string }[]): Promise<number>;
  /** Waits until every media row of the case is settled (ready, refused, failed). */
  settled(caseId: number, timeoutMs?: number): Promise<MediaItem[]>;
  stop(): Promise<void>;
}

/** The real app (SMS and Open311) in live Twilio mode against the fake media server, with the media worker running. */
export async function startMediaHarness(
  options: { env?: Record<string, string>; resolver?: Resolver; worker?: boolean } = {},
): Promise<MediaHarness> {
  const db = await freshPgDatabase();
  const twilio = await new FakeTwilioMedia(ACCOUNT_SID, AUTH_TOKEN).start();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'intake311-media-'));
  const config = loadConfig({
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    PORT: '0',
    PUBLIC_BASE_URL: BASE_URL,
    TWILIO_ACCOUNT_SID: ACCOUNT_SID,
    TWILIO_AUTH_TOKEN: AUTH_TOKEN,
    TWILIO_PHONE_NUMBER: '+16175550311',
    TWILIO_API_BASE_URL: twilio.baseUrl,
    MEDIA_POLL_MS: '50',
    ...options.env,
  });
  const channels = [smsChannel, open311Channel];
  const ctx = await buildContext(config, { db, classifier: new KeywordClassifier(), channels, mediaResolver: options.resolver });
  const app = createApp(ctx, channels);
  const worker =
    options.worker === false
      ? undefined
      : startMediaWorker({ db, queue: ctx.queue, media: ctx.media, log: ctx.log, pollMs: config.media.pollMs, sweepMs: config.media.sweepMs });
  const staffToken = await createToken(db, 'alice', 'staff');
  const apiKey = await createToken(db, 'city-app', 'open311');

  const mms: MediaHarness['mms'] = async (body, pictures) => {
    const sid = `MM${crypto.randomBytes(16).toString('hex')}`;
    const fields: Record<string, string> = {
      AccountSid: ACCOUNT_SID,
      From: `+1617555${String(crypto.randomInt(1000, 9999))}`,
      To: '+16175550311',
      Body: body,
      MessageSid: sid,
      SmsMessageSid: sid,
      NumMedia: String(pictures.length),
    };
    pictures.forEach((p, i) => {
      fields[`MediaUrl${i}`] = twilio.mmsUrl(p.messageSid, p.mediaSid);
      fields[`MediaContentType${i}`] = p.contentType ?? 'image/jpeg';
    });
    const send = (f: Record<string, string>) =>
      request(app)
        .post('/channels/sms')
        .set('X-Twilio-Signature', twilioSignature(ctx.twilioSigningSecret, `${BASE_URL}/channels/sms`, f))
        .type('form')
        .send(new URLSearchParams(f).toString());
    let res = await send(fields);
    // The place is read back once ("12 Elm St, Charlestown? Reply YES..."): the resident confirms it.
    if (/Reply YES/.test(res.text)) {
      const yes = `SM${crypto.randomBytes(16).toString('hex')}`;
      res = await send({
        AccountSid: ACCOUNT_SID,
        From: fields.From,
        To: fields.To,
        Body: 'YES',
        MessageSid: yes,
        SmsMessageSid: yes,
        NumMedia: '0',
      });
    }
    const id = /#(\d{6,})/.exec(res.text)?.[1];
    if (res.status !== 200 || !id) throw new Error(`sms webhook did not file a case: ${res.status} ${res.text}`);
    return Number(id);
  };

  const settled: MediaHarness['settled'] = async (caseId, timeoutMs = 15000) => {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const items = await listCaseMedia(db, caseId);
      if (items.length && items.every((m) => ['ready', 'refused', 'failed'].includes(m.status))) return items;
      if (Date.now() > until) throw new Error(`media of case ${caseId} not settled: ${JSON.stringify(items.map((m) => [m.status, m.reason]))}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  return {
    ctx,
    app,
    twilio,
    dataDir,
    staffToken,
    apiKey,
    mms,
    settled,
    stop: async () => {
      await worker?.stop();
      await ctx.queue.close();
      await twilio.stop();
      await db.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
