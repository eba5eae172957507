import { postKeys, RETRY_WINDOW_MS } from '../../../channels/open311/idempotency';

describe('postKeys', () => {
  const body = { service_code: 'pothole', description: 'hole', api_key: 'secret-1' };
  const now = 10 * RETRY_WINDOW_MS + 5;

  it('gives the same key for the same body in any field order, whatever the api_key text', () => {
    const a = postKeys(1, body, undefined, now);
    const b = postKeys(1, { api_key: 'secret-2', description: 'hole', service_code: 'pothole' }, undefined, now);
    expect(b).toEqual(a);
    expect(a.current).toMatch(/^[0-9a-f]{32}$/);
  });

  it('lets a retry in the next window find the key of the previous one, and forgets after that', () => {
    const first = postKeys(1, body, undefined, now);
    const next = postKeys(1, body, undefined, now + RETRY_WINDOW_MS);
    expect(next.previous).toBe(first.current);
    expect(postKeys(1, body, undefined, now + 2 * RETRY_WINDOW_MS).previous).not.toBe(first.current);
  });

  it('separates clients and bodies, and uses an Idempotency-Key alone when given', () => {
    expect(postKeys(2, body, undefined, now).current).not.toBe(postKeys(1, body, undefined, now).current);
    expect(postKeys(1, { ...body, description: 'other' }, undefined, now).current).not.toBe(postKeys(1, body, undefined, now).current);
    expect(postKeys(1, body, 'k', now)).toEqual(postKeys(1, { other: 1 }, 'k', now + 99 * RETRY_WINDOW_MS));
  });
});
