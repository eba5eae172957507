import crypto from 'node:crypto';
import type { Express } from 'express';
import request from 'supertest';
import { smsChannel } from '../../../channels/sms';
import type { Classifier } from '../../../src/domain/classifier';
import { createApp } from '../../../src/http/app';
import { twilioSignature } from '../../../vendors/twilio/signature';
import { type FakeTwilioApi, startFakeTwilioApi } from '../../fakes/twilio-api';
import inboundMms from '../../fixtures/twilio/inbound-mms.json';
import inboundSms from '../../fixtures/twilio/inbound-sms.json';
import { type TestContext, testContext } from '../../support/context';
import { freshPgDatabase } from '../../support/db';

/** Replies in a TwiML Messaging response, unescaped. */
export function twimlMessages(xml: string): string[] {
  return [...xml.matchAll(/<Message>([\s\S]*?)<\/Message>/g)].map((m) =>
    m[1]
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, '&'),
  );
}

export function newSid(prefix = 'SM'): string {
  return `${prefix}${crypto.randomBytes(16).toString('hex')}`;
}

export interface TextOptions {
  sid?: string;
  media?: Array<{ url: string; contentType: string }>;
  extra?: Record<string, string>;
}

/** The real app with the SMS channel, live Twilio mode against a fake REST API, on a fresh PostgreSQL schema. */
export interface SmsHarness {
  ctx: TestContext;
  app: Express;
  fake: FakeTwilioApi;
  db: Awaited<ReturnType<typeof freshPgDatabase>>;
  /** Signed Messaging webhook fields for a text from `from`, built from the recorded fixture. */
  fields(from: string, body: string, options?: TextOptions): Record<string, string>;
  /** Posts signed fields to /channels/sms. */
  post(fields: Record<string, string>, signature?: string): Promise<{ status: number; text: string; replies: string[] }>;
  /** A resident texts: returns our replies. */
  text(from: string, body: string, options?: TextOptions): Promise<string[]>;
  /** A resident texts, and answers YES when we read the place back: returns our replies to their last text. */
  textConfirmed(from: string, body: string, options?: TextOptions): Promise<string[]>;
  stop(): Promise<void>;
}

export async function startSmsHarness(options: { publicBaseUrl?: string; classifier?: Classifier } = {}): Promise<SmsHarness> {
  const db = await freshPgDatabase();
  const fake = await startFakeTwilioApi();
  const publicBaseUrl = options.publicBaseUrl ?? 'https://311.example.gov';
  const ctx = await testContext(db, {
    env: { ...fake.env(), PUBLIC_BASE_URL: publicBaseUrl },
    channels: [smsChannel],
    classifier: options.classifier,
  });
  const app = createApp(ctx, [smsChannel]);

  const fields = (from: string, body: string, o: TextOptions = {}): Record<string, string> => {
    const media = o.media ?? [];
    const sid = o.sid ?? newSid(media.length ? 'MM' : 'SM');
    const base: Record<string, string> = { ...(media.length ? inboundMms : inboundSms) };
    for (const key of Object.keys(base)) if (/^Media(Url|ContentType)\d+$/.test(key)) delete base[key];
    const f: Record<string, string> = {
      ...base,
      AccountSid: fake.accountSid,
      From: from,
      Body: body,
      MessageSid: sid,
      SmsMessageSid: sid,
      SmsSid: sid,
      NumMedia: String(media.length),
      ...o.extra,
    };
    media.forEach((m, i) => {
      f[`MediaUrl${i}`] = m.url;
      f[`MediaContentType${i}`] = m.contentType;
    });
    return f;
  };

  const post = async (f: Record<string, string>, signature?: string) => {
    const sig = signature ?? twilioSignature(ctx.twilioSigningSecret, `${publicBaseUrl}/channels/sms`, f);
    const res = await request(app)
      .post('/channels/sms')
      .set('Host', 'internal-lb:8080')
      .set('X-Twilio-Signature', sig)
      .type('form')
      .send(new URLSearchParams(f).toString());
    return { status: res.status, text: res.text, replies: res.status === 200 ? twimlMessages(res.text) : [] };
  };

  const text = async (from: string, body: string, o?: TextOptions) => {
    const res = await post(fields(from, body, o));
    if (res.status !== 200) throw new Error(`sms webhook answered ${res.status}: ${res.text}`);
    return res.replies;
  };
  return {
    ctx,
    app,
    fake,
    db,
    fields,
    post,
    text,
    textConfirmed: async (from, body, o) => {
      const replies = await text(from, body, o);
      return replies.some((r) => /Reply YES or send|Responda SÍ o/.test(r)) ? text(from, 'YES') : replies;
    },
    stop: async () => {
      await ctx.queue.close();
      await fake.close();
      await db.close();
    },
  };
}
