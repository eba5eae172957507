import crypto from 'node:crypto';
import request from 'supertest';
import { twitterChannel } from '../../channels/twitter';
import { toInboundReport } from '../../channels/twitter/normalise';
import { fromV1, type V1Tweet } from '../../channels/twitter/parse-v1';
import { createApp } from '../../src/http/app';
import { listNotificationsForCase } from '../../src/storage/notifications-repo';
import event from '../fixtures/twitter/account-activity-event.json';
import { startHarness } from '../integration/twitter/harness';
import type { ChannelConformance, ProviderRequest } from './adapter';
import { deliverThroughOutbound } from './deliver';

const PATH = '/channels/twitter/webhook';
const TWEET = event.tweet_create_events[0] as unknown as V1Tweet;

/** The Twitter channel in the shared conformance suite: Account Activity in, a reply through the fake X out. */
export const twitterConformance: ChannelConformance = {
  channel: 'twitter',
  async start() {
    const h = await startHarness();
    const app = createApp(h.ctx, [twitterChannel]);
    const body = JSON.stringify(event);
    const signed = (signature: string): ProviderRequest => ({
      method: 'POST',
      path: PATH,
      headers: { 'content-type': 'application/json', 'x-twitter-webhooks-signature': signature },
      body,
    });
    const signature = `sha256=${crypto.createHmac('sha256', 'fake-app-secret').update(body).digest('base64')}`;
    return {
      async send(r) {
        const req = r.method === 'GET' ? request(app).get(r.path) : request(app).post(r.path).send(r.body);
        for (const [k, v] of Object.entries(r.headers)) req.set(k, v);
        const res = await req;
        return { status: res.status, text: res.text };
      },
      fixtureRequest: () => signed(signature),
      badlySignedRequest: () => signed(`${signature.slice(0, -4)}AAA=`),
      parseFixture: () => toInboundReport(fromV1(TWEET), h.ctx.classifier),
      storedRowCount: async () =>
        (await h.count('SELECT count(*)::int AS n FROM inbound_messages')) + (await h.count('SELECT count(*)::int AS n FROM cases')),
      async sendOne() {
        // Its own message id: the suite's webhook delivery of the fixture was already taken in (and, the test classifier
        // being unsure of its words, asked its category rather than filed).
        const report = { ...toInboundReport(fromV1(TWEET), h.ctx.classifier), providerMessageId: `${TWEET.id_str}-direct` };
        const out = await h.ctx.intake.submit(report, { threadId: TWEET.id_str });
        const note = (await listNotificationsForCase(h.db, out.case.service_request_id)).find((n) => n.kind === 'case_opened')!;
        const storedProviderId = await deliverThroughOutbound(h.ctx, [twitterChannel], note.id);
        return { storedProviderId, providerIdsAtFake: h.fake.posted.map((p) => p.id) };
      },
      stop: () => h.close(),
    };
  },
};
