import { twilioPublisher } from '../../../channels/sms/publisher';
import type { CaseRecord, NotificationRecord } from '../../../src/domain/types';
import { PermanentSendError, RateLimitedError, RecipientOptedOutError, TransientSendError } from '../../../src/errors';
import { rebaseTwilioUrl } from '../../../vendors/twilio/client';
import { type FakeTwilioApi, startFakeTwilioApi } from '../../fakes/twilio-api';

const notification = { id: 1, recipient: '+16175553001', channel: 'sms' } as NotificationRecord;
const message = (text = 'Report #100001 is closed.') => ({ notification, case: {} as CaseRecord, text });

describe('Twilio SMS publisher through the real twilio SDK', () => {
  let fake: FakeTwilioApi;
  const publisher = () =>
    twilioPublisher(
      { mode: 'live', accountSid: fake.accountSid, authToken: fake.authToken, phoneNumber: '+16175550311', apiBaseUrl: fake.url },
      'https://311.example.gov',
    );
  beforeAll(async () => {
    fake = await startFakeTwilioApi();
  });
  afterAll(async () => {
    await fake.close();
  });

  it('sends with Basic auth, from the city number, with a status callback and the photo, and returns the SM sid', async () => {
    const result = await publisher().send({ ...message('Fixed!'), mediaUrl: 'https://311.example.gov/photos/1.jpg' });
    expect(result.providerId).toMatch(/^SM[0-9a-f]{32}$/);
    expect(result.status).toBe('queued');
    const sent = fake.messages.at(-1)!;
    expect(sent).toMatchObject({
      sid: result.providerId,
      to: '+16175553001',
      from: '+16175550311',
      body: 'Fixed!',
      mediaUrl: ['https://311.example.gov/photos/1.jpg'],
      statusCallback: 'https://311.example.gov/channels/sms/status?n=1',
    });
    expect(fake.requests.at(-1)!.authorized).toBe(true);
  });

  it('maps an unsubscribed (21610) or invalid (21211) recipient to a permanent error that retires the subscription, without the number', async () => {
    fake.failNext({ status: 400, code: 21610 }, { status: 400, code: 21211 });
    const stop = await publisher()
      .send(message())
      .catch((e: unknown) => e);
    expect(stop).toBeInstanceOf(RecipientOptedOutError);
    expect(stop).toBeInstanceOf(PermanentSendError);
    expect(stop).toMatchObject({ name: 'RecipientOptedOutError', providerCode: 21610, recipientGone: true });
    const invalid = await publisher()
      .send(message())
      .catch((e: unknown) => e);
    expect(invalid).toMatchObject({ name: 'PermanentSendError', providerCode: 21211, recipientGone: true });
    expect(invalid).not.toBeInstanceOf(RecipientOptedOutError);
    expect((invalid as Error).message).not.toMatch(/6175553001/);
  });

  it("maps a region not enabled (21408) to permanent, but not the recipient's fault", async () => {
    fake.failNext({ status: 400, code: 21408, message: 'Permission to send an SMS has not been enabled for the region' });
    await expect(publisher().send(message())).rejects.toMatchObject({ providerCode: 21408, recipientGone: false });
  });

  it('maps 429 to a rate limit with Retry-After, and 5xx and network failures to transient errors', async () => {
    fake.failNext({ status: 429, retryAfter: '7' }, { status: 503 });
    const limited = await publisher()
      .send(message())
      .catch((e: unknown) => e);
    expect(limited).toBeInstanceOf(RateLimitedError);
    expect((limited as RateLimitedError).retryAfterMs).toBe(7000);
    await expect(publisher().send(message())).rejects.toBeInstanceOf(TransientSendError);
    const down = twilioPublisher(
      { mode: 'live', accountSid: fake.accountSid, authToken: fake.authToken, phoneNumber: '+16175550311', apiBaseUrl: 'http://127.0.0.1:1' },
      'https://311.example.gov',
    );
    await expect(down.send(message())).rejects.toBeInstanceOf(TransientSendError);
  });

  it('fails permanently on bad credentials (20003) instead of retrying forever', async () => {
    const wrong = twilioPublisher(
      { mode: 'live', accountSid: fake.accountSid, authToken: 'wrong', phoneNumber: '+16175550311', apiBaseUrl: fake.url },
      'https://311.example.gov',
    );
    await expect(wrong.send(message())).rejects.toMatchObject({ providerCode: 20003, recipientGone: false });
  });

  it("looks up an interrupted send in Twilio's message list by recipient, our number, time and the text we stored", async () => {
    const claimedAt = new Date();
    const text = `Report #100002 is closed. ${Date.now()}`;
    const sent = await publisher().send(message(text));
    await publisher().send({ notification: { ...notification, recipient: '+16175553999' } as NotificationRecord, case: {} as CaseRecord, text });
    const found = await publisher().lookup!({ notification, text, claimedAt });
    expect(found).toEqual({ kind: 'found', providerId: sent.providerId, status: 'queued', providerStatus: 'queued' });
    expect(await publisher().lookup!({ notification, text: 'Report #100002 is open.', claimedAt })).toEqual({ kind: 'not_found' });
    // Sent before the claim (less the clock margin): another message, not this one.
    expect(await publisher().lookup!({ notification, text, claimedAt: new Date(Date.now() + 10 * 60_000) })).toEqual({ kind: 'not_found' });
    const list = fake.requests.filter((r) => r.method === 'GET');
    expect(list.length).toBeGreaterThan(0);
    expect(list.every((r) => r.authorized && r.path.endsWith('/Messages.json'))).toBe(true);
  });

  it('cannot tell (rather than "not found") when Twilio does not answer the lookup', async () => {
    const down = twilioPublisher(
      { mode: 'live', accountSid: fake.accountSid, authToken: fake.authToken, phoneNumber: '+16175550311', apiBaseUrl: 'http://127.0.0.1:1' },
      'https://311.example.gov',
    );
    const result = await down.lookup!({ notification, text: 'anything', claimedAt: new Date() });
    expect(result.kind).toBe('unknown');
  });

  it('rebases Twilio URLs (and only Twilio URLs) onto the configured base', () => {
    expect(rebaseTwilioUrl('https://api.twilio.com/2010-04-01/Accounts/AC1/Messages.json?x=1', 'http://127.0.0.1:9/twilio/')).toBe(
      'http://127.0.0.1:9/twilio/2010-04-01/Accounts/AC1/Messages.json?x=1',
    );
    expect(rebaseTwilioUrl('https://example.com/a.jpg', 'http://127.0.0.1:9')).toBe('https://example.com/a.jpg');
    expect(rebaseTwilioUrl('https://api.twilio.com/x', undefined)).toBe('https://api.twilio.com/x');
  });
});
