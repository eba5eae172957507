import crypto from 'node:crypto';
import { signXWebhookBody, verifyXWebhookSignature, xCrcResponse } from '../../../../vendors/x/signature';

describe('X webhook signatures', () => {
  it('signs as X does: sha256= and base64 HMAC-SHA256 under the consumer secret', () => {
    // Worked out once with node:crypto; a change of format or key use breaks it.
    expect(signXWebhookBody('consumer-secret', 'challenge-123')).toBe('sha256=+JKD3xCx1so7H9dYGqEd8qLRIIR3uCpi/4gsvLxmFd4=');
    expect(signXWebhookBody('consumer-secret', Buffer.from('challenge-123'))).toBe(signXWebhookBody('consumer-secret', 'challenge-123'));
  });

  it('verifies the raw body in constant time and refuses anything else', () => {
    const body = Buffer.from('{"for_user_id":"1"}');
    const good = signXWebhookBody('s3cret', body);
    expect(verifyXWebhookSignature('s3cret', body, good)).toBe(true);
    expect(verifyXWebhookSignature('s3cret', body, ` ${good} `)).toBe(true);
    expect(verifyXWebhookSignature('s3cret', Buffer.from('{"for_user_id":"2"}'), good)).toBe(false);
    expect(verifyXWebhookSignature('other', body, good)).toBe(false);
    expect(verifyXWebhookSignature('s3cret', body, undefined)).toBe(false);
    expect(verifyXWebhookSignature('s3cret', body, 'sha256=')).toBe(false);
    expect(verifyXWebhookSignature('', body, signXWebhookBody('', body))).toBe(false);
  });
});

describe('X CRC answers', () => {
  it('answers a token of the shape X sends with the HMAC of the token', () => {
    for (const token of [
      'M2RkODJkZmMtYjlkYi00NmQ4LTk0MGUtM2JjYzkwM2Q4MjQ0',
      'challenge-123',
      'abc_DEF-0123',
      'YWJjZGVmZ2g=',
      'a+b/c+d/e==',
      'x'.repeat(128),
    ]) {
      expect(xCrcResponse('s3cret', token)).toEqual({ response_token: signXWebhookBody('s3cret', token) });
    }
  });

  it('refuses anything else, above all text that could be a JSON event body', () => {
    for (const token of [
      undefined,
      '',
      'short',
      'x'.repeat(129),
      '{"tweet_create_events":[]}',
      '[]',
      '"abcdefgh"',
      'abc defgh',
      'abcdefgh\n',
      ['abcdefgh'],
      'abc=defgh',
      'abcdefgh===',
    ]) {
      expect([token, xCrcResponse('s3cret', token)]).toEqual([token, undefined]);
    }
  });

  it('never signs a string that parses as a JSON object or array, over many random tokens', () => {
    const alphabet = 'abcXYZ019_-+/={}[]":, \n';
    for (let i = 0; i < 2000; i++) {
      const bytes = crypto.randomBytes(8 + (i % 40));
      const token = [...bytes].map((b) => alphabet[b % alphabet.length]).join('');
      if (!xCrcResponse('s3cret', token)) continue;
      let parsed: unknown;
      try {
        parsed = JSON.parse(token);
      } catch {
        continue;
      }
      expect([token, typeof parsed === 'object' && parsed !== null]).toEqual([token, false]);
    }
  });
});
