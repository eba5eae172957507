import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Express } from 'express';
import request from 'supertest';
import { voiceChannel } from '../../../channels/voice';
import type { Stop } from '../../../src/channels/channel';
import type { CaseRecord } from '../../../src/domain/types';
import { createApp } from '../../../src/http/app';
import { getCase } from '../../../src/storage/cases-repo';
import { twilioSignature } from '../../../vendors/twilio/signature';
import { FakeGoogleSpeech } from '../../fakes/google-speech';
import { FakeTwilioMedia } from '../../fakes/twilio-media';
import { type TestContext, testContext } from '../../support/context';
import { freshPgDatabase, TEST_REDIS_URL } from '../../support/db';
import { dropRedisPrefix } from '../../support/redis';
import { validateTwiml } from '../../unit/voice/twiml-validator';

export const PUBLIC_BASE_URL = 'https://311.example.org';
export const ACCOUNT_SID = `AC${'a'.repeat(32)}`;
const AUTH_TOKEN = 'voice-test-auth-token';

/** The voice channel on a fresh PostgreSQL schema, a real Redis queue, a fake Twilio media host and (optionally) fake Google STT. */
export interface VoiceHarness {
  ctx: TestContext;
  media: FakeTwilioMedia;
  google?: FakeGoogleSpeech;
  audioDir: string;
  /** POSTs a webhook as Twilio would (form-encoded, signed); TwiML answers are checked against what Twilio accepts. */
  post(pathname: string, params: Record<string, string>, signature?: string): Promise<{ status: number; text: string }>;
  /** Resolves when the recording's transcription has finished (done or failed). */
  transcribed(recordingSid: string): Promise<{ status: string; transcript: string | null }>;
  caseOf(callSid: string): Promise<CaseRecord | undefined>;
  stop(): Promise<void>;
}

/** For a describe block: starts the harness before its tests, hands it to `use`, and stops it after them. */
export function voiceForSuite(options: VoiceOptions, use: (h: VoiceHarness) => void): void {
  let h: VoiceHarness | undefined;
  beforeAll(async () => {
    h = await startVoice(options);
    use(h);
  });
  afterAll(async () => {
    await h?.stop();
  });
}

/** `env`: further settings (e.g. a short VOICE_TRANSCRIPTION_SWEEP_SECONDS). */
export interface VoiceOptions {
  google: boolean;
  env?: Record<string, string>;
}

export async function startVoice(options: VoiceOptions): Promise<VoiceHarness> {
  const db = await freshPgDatabase();
  const media = await new FakeTwilioMedia(ACCOUNT_SID, AUTH_TOKEN).start();
  const google = options.google ? await new FakeGoogleSpeech().start() : undefined;
  const ctx = await testContext(db, {
    channels: [voiceChannel],
    env: {
      PUBLIC_BASE_URL,
      TWILIO_ACCOUNT_SID: ACCOUNT_SID,
      TWILIO_AUTH_TOKEN: AUTH_TOKEN,
      TWILIO_PHONE_NUMBER: '+16175550311',
      TWILIO_API_BASE_URL: media.baseUrl,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: `voice-${crypto.randomBytes(5).toString('hex')}`,
      ...(google ? { GOOGLE_SPEECH_API_ENDPOINT: google.endpoint } : {}),
      ...options.env,
    },
  });
  const app: Express = createApp(ctx, [voiceChannel]);
  const stopWorker: Stop = await voiceChannel.startWorker!(ctx);
  const audioDir = fs.mkdtempSync(path.join(os.tmpdir(), 'intake311-voice-'));

  return {
    ctx,
    media,
    google,
    audioDir,
    async post(pathname, params, signature) {
      const sig = signature ?? twilioSignature(ctx.twilioSigningSecret, PUBLIC_BASE_URL + pathname, params);
      const res = await request(app).post(pathname).type('form').set('X-Twilio-Signature', sig).send(params);
      if (/xml/.test(String(res.headers['content-type'])) && res.status === 200) {
        const problems = validateTwiml(res.text);
        if (problems.length) throw new Error(`${pathname} answered TwiML Twilio would reject: ${problems.join('; ')}\n${res.text}`);
      }
      return { status: res.status, text: res.text };
    },
    async transcribed(recordingSid) {
      for (let i = 0; i < 200; i++) {
        const { rows } = await db.query<{ status: string; transcript: string | null }>(
          'SELECT status, transcript FROM voice_recordings WHERE recording_sid = $1',
          [recordingSid],
        );
        if (rows[0] && rows[0].status !== 'pending') return rows[0];
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`recording ${recordingSid} was not transcribed within 10 s`);
    },
    async caseOf(callSid) {
      const { rows } = await db.query<{ case_id: string | null }>(
        "SELECT case_id FROM inbound_messages WHERE channel = 'voice' AND provider_message_id = $1",
        [callSid],
      );
      return rows[0]?.case_id ? getCase(db, Number(rows[0].case_id)) : undefined;
    },
    async stop() {
      await stopWorker();
      await ctx.queue.close();
      await dropRedisPrefix(ctx.config.redis.prefix);
      await media.stop();
      await google?.stop();
      await db.close();
      fs.rmSync(audioDir, { recursive: true, force: true });
      fs.rmSync(ctx.dataDir, { recursive: true, force: true });
    },
  };
}

/** One caller's side of a call: the webhooks Twilio sends for what they do, with the call's standard fields. */
export class Caller {
  readonly callSid = `CA${crypto.randomBytes(16).toString('hex')}`;

  constructor(
    private readonly h: VoiceHarness,
    readonly from = '+16175550142',
  ) {}

  private fields(extra: Record<string, string>): Record<string, string> {
    return {
      AccountSid: ACCOUNT_SID,
      CallSid: this.callSid,
      From: this.from,
      To: '+16175550311',
      CallStatus: 'in-progress',
      Direction: 'inbound',
      ApiVersion: '2010-04-01',
      ...extra,
    };
  }

  async dial(): Promise<string> {
    return this.expectOk('/channels/voice', this.fields({ CallStatus: 'ringing' }));
  }

  async press(pathname: string, digits: string): Promise<string> {
    return this.expectOk(pathname, this.fields({ Digits: digits }));
  }

  async say(pathname: string, speech: string, confidence = '0.9'): Promise<string> {
    return this.expectOk(pathname, this.fields(speech ? { SpeechResult: speech, Confidence: confidence } : {}));
  }

  /** Silence at a prompt: Twilio posts the action with nothing (Gather) or follows our Redirect (Record). */
  async nothing(pathname: string): Promise<string> {
    return this.expectOk(pathname, this.fields({}));
  }

  /** The caller speaks after the beep: the media host gets the audio and Twilio posts Record's action. */
  async record(
    wav: Buffer,
    options: { notReadyForFirst?: number; hangUp?: boolean } = {},
  ): Promise<{ sid: string; twiml: string; callback: () => Promise<void> }> {
    return this.recordWith(wav, {}, options);
  }

  /** `record` with extra fields on Record's action (e.g. Twilio's TranscriptionText). */
  async recordWith(
    wav: Buffer,
    extra: Record<string, string>,
    options: { notReadyForFirst?: number; hangUp?: boolean } = {},
  ): Promise<{ sid: string; twiml: string; callback: () => Promise<void> }> {
    const sid = `RE${crypto.randomBytes(16).toString('hex')}`;
    this.h.media.add(sid, wav, options.notReadyForFirst ?? 0);
    const common = { RecordingSid: sid, RecordingUrl: this.h.media.recordingUrl(sid), RecordingDuration: '4' };
    const twiml = await this.expectOk(
      '/channels/voice/recorded',
      this.fields({ ...common, Digits: options.hangUp ? 'hangup' : '#', ...(options.hangUp ? { CallStatus: 'completed' } : {}), ...extra }),
    );
    return {
      sid,
      twiml,
      callback: async () => {
        const res = await this.h.post('/channels/voice/recording', {
          AccountSid: ACCOUNT_SID,
          CallSid: this.callSid,
          ...common,
          RecordingStatus: 'completed',
          RecordingChannels: '1',
          RecordingSource: 'RecordVerb',
        });
        if (res.status !== 204) throw new Error(`recording callback answered ${res.status}`);
      },
    };
  }

  async hangUp(): Promise<void> {
    const res = await this.h.post('/channels/voice/status', this.fields({ CallStatus: 'completed', CallDuration: '95' }));
    if (res.status !== 200) throw new Error(`status callback answered ${res.status}`);
  }

  /** Follows hold-and-redirect screens until the category question is asked. */
  async holdUntilAsked(first: string): Promise<string> {
    let twiml = first;
    for (let i = 0; i < 20 && twiml.includes('/channels/voice/category</Redirect>'); i++) {
      await new Promise((r) => setTimeout(r, 150));
      twiml = await this.nothing('/channels/voice/category');
    }
    return twiml;
  }

  private async expectOk(pathname: string, params: Record<string, string>): Promise<string> {
    const res = await this.h.post(pathname, params);
    if (res.status !== 200) throw new Error(`${pathname} answered ${res.status}: ${res.text}`);
    return res.text;
  }
}

/** The text of every <Say> in a TwiML document, in order. */
export function spoken(twiml: string): string[] {
  return [...twiml.matchAll(/<Say[^>]*>([^<]*)<\/Say>/g)].map((m) => m[1].replace(/&amp;/g, '&'));
}
