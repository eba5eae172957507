import { loadConfig } from '../../../src/config';

describe('media settings', () => {
  it('defaults to the filesystem under DATA_DIR, with an empty allow-list', () => {
    const { media } = loadConfig({ DATA_DIR: '/srv/intake' });
    expect(media.store).toEqual({ kind: 'fs', dir: '/srv/intake/media' });
    expect(media.allowPrivate).toEqual([]);
    expect(media.maxBytes).toBe(10 * 1024 * 1024);
  });

  it('needs a bucket for s3, and both keys or neither', () => {
    expect(() => loadConfig({ MEDIA_STORE: 's3' })).toThrow(/MEDIA_S3_BUCKET is missing/);
    expect(() => loadConfig({ MEDIA_STORE: 's3', MEDIA_S3_BUCKET: 'b', MEDIA_S3_ACCESS_KEY_ID: 'k' })).toThrow(/MEDIA_S3_SECRET_ACCESS_KEY/);
    const { media } = loadConfig({
      MEDIA_STORE: 's3',
      MEDIA_S3_BUCKET: 'b',
      MEDIA_S3_ENDPOINT: 'http://minio:9000',
      MEDIA_S3_FORCE_PATH_STYLE: 'true',
    });
    expect(media.store).toMatchObject({ kind: 's3', bucket: 'b', region: 'us-east-1', endpoint: 'http://minio:9000', forcePathStyle: true });
  });

  it.each(['10.0.0.0/8', '*', '127.0.0.1', 'localhost:80', 'true'])(
    'takes only exact address:port pairs in MEDIA_FETCH_ALLOW_PRIVATE, not %s',
    (value) => {
      expect(() => loadConfig({ MEDIA_FETCH_ALLOW_PRIVATE: value })).toThrow(/MEDIA_FETCH_ALLOW_PRIVATE/);
    },
  );

  it('reads a list of exact pairs', () => {
    expect(loadConfig({ MEDIA_FETCH_ALLOW_PRIVATE: '127.0.0.1:4100, [::1]:4200' }).media.allowPrivate).toEqual(['127.0.0.1:4100', '[::1]:4200']);
  });
});
