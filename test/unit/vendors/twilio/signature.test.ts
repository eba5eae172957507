import crypto from 'node:crypto';
import express from 'express';
import request from 'supertest';
import twilio from 'twilio';
import { type TwilioParams, twilioSignature, verifyTwilio } from '../../../../vendors/twilio/signature';

const PUBLIC = 'https://311.example.gov';
const TOKEN = 'auth-token-0123456789abcdef';

/** A webhook behind the verifier, as the SMS and voice routes mount it, answering with what it was given. */
function app(authToken = TOKEN) {
  return express()
    .use(express.urlencoded({ extended: false }))
    .post('/channels/sms', verifyTwilio(authToken, PUBLIC), (req, res) => {
      res.json(req.body);
    });
}

/** A random form, with repeated names, empty values, and characters that need escaping. */
function randomForm(seed: number): Array<[string, string]> {
  const bytes = crypto.createHash('sha256').update(String(seed)).digest();
  const values = ['', 'a', 'pothole at 12 Elm St', 'café ñ 😀', 'a&b=c+d', '100%', 'https://api.twilio.com/x?y=1&z=2', '  spaced  '];
  const names = ['Body', 'From', 'MediaUrl0', 'Tag', 'To', 'Zeta', 'a', 'Body2'];
  const pairs: Array<[string, string]> = [];
  for (let i = 0; i < 2 + (bytes[0] % 8); i++) pairs.push([names[bytes[i + 1] % names.length], values[bytes[i + 10] % values.length]]);
  return pairs;
}

function asParams(pairs: Array<[string, string]>): TwilioParams {
  const params: TwilioParams = {};
  for (const [k, v] of pairs) {
    const had = params[k];
    params[k] = had === undefined ? v : [...(Array.isArray(had) ? had : [had]), v];
  }
  return params;
}

describe('Twilio webhook verifier (the SDK check behind our fail-closed middleware)', () => {
  it('accepts exactly the forms Twilio signs, over many bodies with repeated parameters, and refuses any change', async () => {
    const server = app();
    for (let seed = 0; seed < 60; seed++) {
      const pairs = randomForm(seed);
      const raw = new URLSearchParams(pairs).toString();
      // The SDK's signer plays Twilio; it is not the code path the middleware calls.
      const signature = twilio.getExpectedTwilioSignature(TOKEN, `${PUBLIC}/channels/sms`, asParams(pairs));
      const post = (body: string, sig = signature, path = '/channels/sms') =>
        request(server).post(path).type('form').set('Host', 'internal-lb:8080').set('X-Twilio-Signature', sig).send(body);
      const ok = await post(raw);
      expect([seed, ok.status]).toEqual([seed, 200]);
      expect((await post(`${raw}&Extra=1`)).status).toBe(403);
      expect((await post(raw, twilio.getExpectedTwilioSignature('another-token', `${PUBLIC}/channels/sms`, asParams(pairs)))).status).toBe(403);
      expect((await post(raw, twilio.getExpectedTwilioSignature(TOKEN, 'http://internal-lb:8080/channels/sms', asParams(pairs)))).status).toBe(403);
      expect((await post(raw, signature, '/channels/sms?x=1')).status).toBe(403);
    }
  });

  it('signs what it verifies, so the simulator and the fakes sign through the same code', () => {
    const params = { Body: 'hi', Tag: ['b', 'a'] };
    expect(twilioSignature(TOKEN, `${PUBLIC}/channels/sms`, params)).toBe(twilio.getExpectedTwilioSignature(TOKEN, `${PUBLIC}/channels/sms`, params));
  });

  it('fails closed: no signature, an empty one, or an empty auth token is refused with 403', async () => {
    const raw = 'Body=hi&From=%2B16175550100';
    const params = { Body: 'hi', From: '+16175550100' };
    expect((await request(app()).post('/channels/sms').type('form').send(raw)).status).toBe(403);
    expect((await request(app()).post('/channels/sms').type('form').set('X-Twilio-Signature', '').send(raw)).status).toBe(403);
    const unkeyed = crypto
      .createHmac('sha1', '')
      .update(`${PUBLIC}/channels/sms${'Body' + 'hi' + 'From' + '+16175550100'}`)
      .digest('base64');
    expect(twilioSignature('', `${PUBLIC}/channels/sms`, params)).toBe(unkeyed);
    const res = await request(app('')).post('/channels/sms').type('form').set('X-Twilio-Signature', unkeyed).send(raw);
    expect(res.status).toBe(403);
    expect(res.text).toBe('invalid Twilio signature');
  });
});
