import request from 'supertest';
import { smsChannel } from '../../channels/sms';
import { voiceChannel } from '../../channels/voice';
import { callReport } from '../../channels/voice/call-report';
import { newCallState } from '../../channels/voice/call-state';
import type { VoiceRecording } from '../../channels/voice/recordings-repo';
import { createApp } from '../../src/http/app';
import { listNotificationsForCase } from '../../src/storage/notifications-repo';
import { twilioSignature } from '../../vendors/twilio/signature';
import { startFakeTwilioApi } from '../fakes/twilio-api';
import incomingCall from '../fixtures/voice/incoming-call.json';
import recordingCallback from '../fixtures/voice/recording-callback.json';
import { testContext } from '../support/context';
import { freshPgDatabase } from '../support/db';
import type { ChannelConformance, ProviderRequest } from './adapter';
import { deliverThroughOutbound } from './deliver';

const PATH = '/channels/voice';
const PUBLIC_BASE_URL = 'https://311.example.gov';

/**
 * The voice channel in the shared conformance suite. In: a recorded incoming-call webhook. Parse: the report a
 * call with a transcribed recording becomes. Out: voice has no publisher of its own; a caller who pressed 1
 * gets updates by SMS, so `sendOne` drives a call to that point and sends its closure alert through the SMS
 * publisher to the fake Twilio.
 */
export const voiceConformance: ChannelConformance = {
  channel: 'voice',
  async start() {
    const db = await freshPgDatabase();
    const fake = await startFakeTwilioApi();
    const ctx = await testContext(db, { env: { ...fake.env(), PUBLIC_BASE_URL }, channels: [voiceChannel, smsChannel] });
    const app = createApp(ctx, [voiceChannel, smsChannel]);
    const fields: Record<string, string> = { ...incomingCall, AccountSid: fake.accountSid };
    const sign = (path: string, params: Record<string, string>) => twilioSignature(ctx.twilioSigningSecret, PUBLIC_BASE_URL + path, params);
    const asRequest = (path: string, params: Record<string, string>, signature: string): ProviderRequest => ({
      method: 'POST',
      path,
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
      body: new URLSearchParams(params).toString(),
    });
    const send = async (r: ProviderRequest) => {
      const req = request(app).post(r.path).send(r.body);
      for (const [k, v] of Object.entries(r.headers)) req.set(k, v);
      const res = await req;
      return { status: res.status, text: res.text };
    };
    const step = async (path: string, extra: Record<string, string>) => {
      const params = { ...fields, CallStatus: 'in-progress', ...extra };
      const res = await send(asRequest(path, params, sign(path, params)));
      if (res.status !== 200) throw new Error(`${path} answered ${res.status}`);
      return res.text;
    };
    const count = async (table: string) => (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n;
    const signature = sign(PATH, fields);

    return {
      send,
      fixtureRequest: () => asRequest(PATH, fields, signature),
      badlySignedRequest: () => asRequest(PATH, fields, `${signature.slice(0, -4)}AAA=`),
      parseFixture() {
        const recording: VoiceRecording = {
          recording_sid: recordingCallback.RecordingSid,
          call_sid: recordingCallback.CallSid,
          recording_url: recordingCallback.RecordingUrl,
          duration_seconds: Number(recordingCallback.RecordingDuration),
          language: 'en',
          status: 'done',
          transcript: 'big pothole outside 12 Elm St',
          confidence: 0.91,
          engine: 'google',
          error: null,
          created_at: new Date(),
        };
        return callReport(ctx, fields.CallSid, newCallState(fields.From), [recording], 'hung_up', fields);
      },
      storedRowCount: async () =>
        (await count('inbound_messages')) + (await count('cases')) + (await count('conversations')) + (await count('voice_recordings')),
      async sendOne() {
        await step(PATH, {});
        await step('/channels/voice/language', { Digits: '1' });
        await step('/channels/voice/described', { SpeechResult: 'big pothole outside 12 Elm St', Confidence: '0.9' });
        await step('/channels/voice/address', { SpeechResult: '12 Elm Street' });
        await step('/channels/voice/address-confirm', { Digits: '1' });
        await step('/channels/voice/category-choice', { Digits: '1' });
        await step('/channels/voice/updates', { Digits: '1' });
        const { rows } = await db.query<{ case_id: string }>(
          "SELECT case_id FROM inbound_messages WHERE channel = 'voice' AND provider_message_id = $1",
          [fields.CallSid],
        );
        const closed = await ctx.cases.update(Number(rows[0].case_id), { status: 'closed', status_notes: 'Filled' }, 'staff:conformance');
        const note = (await listNotificationsForCase(db, closed.service_request_id)).find((n) => n.channel === 'sms' && n.kind === 'case_closed')!;
        const storedProviderId = await deliverThroughOutbound(ctx, [voiceChannel, smsChannel], note.id);
        return { storedProviderId, providerIdsAtFake: fake.messages.map((m) => m.sid) };
      },
      async stop() {
        await ctx.queue.close();
        await fake.close();
        await db.close();
      },
    };
  },
};
