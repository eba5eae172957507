import request from 'supertest';
import { smsChannel } from '../../channels/sms';
import { isPhoto, parseInboundSms, toInboundReport } from '../../channels/sms/inbound';
import { findLocation } from '../../channels/sms/location';
import { listNotificationsForCase } from '../../src/storage/notifications-repo';
import { twilioSignature } from '../../vendors/twilio/signature';
import fixture from '../fixtures/twilio/inbound-mms.json';
import { startSmsHarness } from '../integration/sms/sms-harness';
import type { ChannelConformance, ProviderRequest } from './adapter';
import { deliverThroughOutbound } from './deliver';

const PATH = '/channels/sms';

/** The SMS channel in the shared conformance suite: a recorded MMS webhook in, a text through the fake Twilio out. */
export const smsConformance: ChannelConformance = {
  channel: 'sms',
  async start() {
    const h = await startSmsHarness();
    const fields: Record<string, string> = { ...fixture, AccountSid: h.fake.accountSid };
    const body = new URLSearchParams(fields).toString();
    const signed = (signature: string): ProviderRequest => ({
      method: 'POST',
      path: PATH,
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
      body,
    });
    const signature = twilioSignature(h.ctx.twilioSigningSecret, `${h.ctx.config.publicBaseUrl}${PATH}`, fields);
    const parse = () => {
      const sms = parseInboundSms(fields);
      return toInboundReport(sms, { text: sms.body, media: sms.media.filter(isPhoto), ...findLocation(sms.body) });
    };
    const count = async (sql: string) => (await h.db.query<{ n: number }>(sql)).rows[0].n;
    return {
      async send(r) {
        const req = r.method === 'GET' ? request(h.app).get(r.path) : request(h.app).post(r.path).send(r.body);
        for (const [k, v] of Object.entries(r.headers)) req.set(k, v);
        const res = await req;
        return { status: res.status, text: res.text };
      },
      fixtureRequest: () => signed(signature),
      badlySignedRequest: () => signed(`${signature.slice(0, -4)}AAA=`),
      parseFixture: parse,
      storedRowCount: async () =>
        (await count('SELECT count(*)::int AS n FROM inbound_messages')) + (await count('SELECT count(*)::int AS n FROM cases')),
      async sendOne() {
        const out = await h.ctx.intake.submit({ ...parse(), providerMessageId: 'MMconformance-send' });
        const note = (await listNotificationsForCase(h.db, out.case.service_request_id)).find((n) => n.kind === 'case_opened')!;
        const storedProviderId = await deliverThroughOutbound(h.ctx, [smsChannel], note.id);
        return { storedProviderId, providerIdsAtFake: h.fake.messages.map((m) => m.sid) };
      },
      stop: () => h.stop(),
    };
  },
};
