import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { MediaFetchError, MediaRefusedError } from '../../../src/media/media-errors';
import { type FetchLimits, type Resolver, safeFetch } from '../../../src/media/safe-fetch';
import { FakePhotoServer } from '../../fakes/photo-server';
import { phonePhoto } from '../../support/images';
import { BASE_URL, type MediaHarness, startMediaHarness } from './media-harness';

/** A fake DNS: the names these tests use, mapped to the addresses an attacker would pick. */
function fakeDns(names: Record<string, string[]>): Resolver & { asked: string[] } {
  const asked: string[] = [];
  const resolve = async (host: string) => {
    asked.push(host);
    const found = names[host];
    if (!found) throw new Error(`ENOTFOUND ${host}`);
    return found;
  };
  return Object.assign(resolve, { asked });
}

let good: FakePhotoServer;
let inside: FakePhotoServer;
beforeAll(async () => {
  good = await new FakePhotoServer().start();
  good.add('/pothole.jpg', await phonePhoto({ width: 1024, height: 768 }));
  good.add('/notes.txt', Buffer.from('hello'), 'text/plain');
  good.add('/big.jpg', Buffer.alloc(64 * 1024), 'image/jpeg');
  // Stands for a service inside the city's network: reachable from the server, and never to be fetched.
  inside = await new FakePhotoServer().start();
  inside.add('/latest/meta-data/iam', Buffer.from('secret'), 'image/jpeg');
});
afterAll(async () => {
  await good.stop();
  await inside.stop();
});

const dns = fakeDns({
  'photos.example.org': ['127.0.0.1'],
  'metadata.example.org': ['169.254.169.254'],
  'intranet.example.org': ['10.1.2.3'],
  'split.example.org': ['93.184.216.34', '10.0.0.7'],
  'v6.example.org': ['::1'],
  'mapped.example.org': ['::ffff:127.0.0.1'],
});
const limits = (extra: Partial<FetchLimits> = {}): FetchLimits => ({
  maxBytes: 1024 * 1024,
  timeoutMs: 3000,
  allowPrivate: [good.allowEntry],
  resolve: dns,
  ...extra,
});
const untrusted = (url: string) => ({ url, headers: {}, trustedOrigin: false });

describe('fetching untrusted media URLs', () => {
  it('fetches a public photo (here: a fake the test allow-list names exactly)', async () => {
    const got = await safeFetch(untrusted(`http://photos.example.org:${good.port}/pothole.jpg`), limits());
    expect(got.contentType).toBe('image/jpeg');
    expect(got.bytes.length).toBeGreaterThan(1000);
  });

  it.each([
    ['cloud metadata', 'http://169.254.169.254/latest/meta-data/iam', /169\.254\.169\.254, a linkLocal address/],
    ['a name resolving to cloud metadata', 'http://metadata.example.org/latest/meta-data/iam', /linkLocal/],
    ['a private 10.x address', 'http://10.0.0.5/photo.jpg', /10\.0\.0\.5, a private address/],
    ['a name resolving to 10.x', 'http://intranet.example.org/photo.jpg', /private/],
    ['a name with one public and one private address', 'http://split.example.org/photo.jpg', /10\.0\.0\.7/],
    ['loopback IPv6', 'http://v6.example.org/photo.jpg', /loopback/],
    ['IPv4-mapped loopback', 'http://mapped.example.org/photo.jpg', /loopback/],
  ])('refuses %s before connecting', async (_what, url, reason) => {
    await expect(safeFetch(untrusted(url), limits())).rejects.toThrow(reason);
  });

  it('refuses localhost and loopback on a port the allow-list does not name, and never reaches it', async () => {
    const before = inside.requests.length;
    for (const url of [`http://localhost:${inside.port}/latest/meta-data/iam`, `http://127.0.0.1:${inside.port}/latest/meta-data/iam`]) {
      const err = await safeFetch(untrusted(url), limits({ resolve: fakeDns({ localhost: ['127.0.0.1'] }) })).catch((e) => e);
      expect(err).toBeInstanceOf(MediaRefusedError);
      expect(err.message).toMatch(/loopback address/);
    }
    expect(inside.requests.length).toBe(before);
  });

  it('checks every redirect hop: a public URL redirecting inside is refused, and the inside is never asked', async () => {
    const before = inside.requests.length;
    for (const target of [
      `http://127.0.0.1:${inside.port}/latest/meta-data/iam`,
      'http://169.254.169.254/latest/meta-data/',
      `http://localhost:${inside.port}/x`,
    ]) {
      const url = `http://photos.example.org:${good.port}/redirect?to=${encodeURIComponent(target)}`;
      await expect(
        safeFetch(untrusted(url), limits({ resolve: fakeDns({ 'photos.example.org': ['127.0.0.1'], localhost: ['127.0.0.1'] }) })),
      ).rejects.toThrow(/not a public one/);
    }
    expect(inside.requests.length).toBe(before);
    expect(good.requests.filter((r) => r.startsWith('/redirect'))).toHaveLength(3);
  });

  it('refuses other schemes, user info, non-images and files over the size limit', async () => {
    await expect(safeFetch(untrusted('ftp://photos.example.org/a.jpg'), limits())).rejects.toThrow(/only http\(s\)/);
    await expect(safeFetch(untrusted('file:///etc/passwd'), limits())).rejects.toThrow(/only http\(s\)/);
    await expect(safeFetch(untrusted(`http://user:pw@photos.example.org:${good.port}/pothole.jpg`), limits())).rejects.toThrow(/user name/);
    await expect(safeFetch(untrusted(`http://photos.example.org:${good.port}/notes.txt`), limits())).rejects.toThrow(/not an image/);
    await expect(safeFetch(untrusted(`http://photos.example.org:${good.port}/big.jpg`), limits({ maxBytes: 32 * 1024 }))).rejects.toThrow(
      /larger than/,
    );
    const redirectToFtp = `http://photos.example.org:${good.port}/redirect?to=${encodeURIComponent('ftp://example.org/x')}`;
    await expect(safeFetch(untrusted(redirectToFtp), limits())).rejects.toThrow(/only http\(s\)/);
  });

  it('gives up on a name that does not resolve as a passing failure (retried), not a refusal', async () => {
    await expect(safeFetch(untrusted('http://nowhere.example.org/a.jpg'), limits())).rejects.toBeInstanceOf(MediaFetchError);
  });
});

describe('Open311 media_url', () => {
  let h: MediaHarness;
  beforeAll(async () => {
    h = await startMediaHarness({ env: { MEDIA_FETCH_ALLOW_PRIVATE: good.allowEntry }, resolver: dns });
  });
  afterAll(async () => {
    await h.stop();
  });

  const post = (media: string[]) =>
    request(h.app)
      .post('/open311/v2/requests.json')
      .type('form')
      .send(
        new URLSearchParams([
          ['api_key', h.apiKey],
          ['service_code', 'pothole'],
          ['lat', '42.3554'],
          ['long', '-71.0640'],
          ['description', 'deep pothole'],
          ...media.map((m) => ['media_url', m]),
        ]).toString(),
      );

  it('shows our processed copy, never the app-given URL; a URL resolving inside is refused with a reason and never fetched', async () => {
    const before = inside.requests.length;
    const res = await post([`http://photos.example.org:${good.port}/pothole.jpg`, `http://intranet.example.org:${inside.port}/latest/meta-data/iam`]);
    expect(res.status).toBe(200);
    const caseId = Number(res.body[0].service_request_id);
    const items = await h.settled(caseId);
    expect(items.map((m) => m.status)).toEqual(['ready', 'refused']);
    expect(items[1].reason).toMatch(/10\.1\.2\.3, a private address/);
    const view = await request(h.app).get(`/open311/v2/requests/${caseId}.json?extensions=true`);
    expect(view.body[0].media_url).toBe(`${BASE_URL}/media/${items[0].id}/display`);
    expect(view.body[0].extended_attributes.media_urls).toEqual([`${BASE_URL}/media/${items[0].id}/display`]);
    expect(JSON.stringify(view.body)).not.toContain('photos.example.org');
    expect(inside.requests.length).toBe(before);
  });

  it('a photo uploaded with the POST (multipart media) is processed like the rest, and the waiting upload removed', async () => {
    const res = await request(h.app)
      .post('/open311/v2/requests.json')
      .field('api_key', h.apiKey)
      .field('service_code', 'pothole')
      // Far from the other test's pothole, so it is a case of its own rather than a duplicate of that one.
      .field('lat', '42.3301')
      .field('long', '-71.0901')
      .field('description', 'another pothole')
      .attach('media', await phonePhoto({ width: 900, height: 700 }), { filename: 'p.jpg', contentType: 'image/jpeg' });
    expect(res.status).toBe(200);
    const caseId = Number(res.body[0].service_request_id);
    const [item] = await h.settled(caseId);
    expect(item).toMatchObject({ status: 'ready', width: 700, height: 900 });
    const view = await request(h.app).get(`/open311/v2/requests/${caseId}.json`);
    expect(view.body[0].media_url).toBe(`${BASE_URL}/media/${item.id}/display`);
    expect(fs.readdirSync(path.join(h.dataDir, 'open311-media'))).toEqual([]);
  });

  it('still refuses a literal private media_url at the door (400, nothing filed)', async () => {
    for (const url of ['http://169.254.169.254/latest/meta-data/', 'http://10.0.0.1/a.jpg', 'http://localhost/a.jpg']) {
      const res = await post([url]);
      expect(res.status).toBe(400);
    }
  });
});
