import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';

/** s3rver's fixed credentials: the SDK signs with them and s3rver checks the signatures. */
const KEY = 'S3RVER';

/**
 * A local S3-compatible server (s3rver, from npm) with one bucket, that the real @aws-sdk/client-s3 talks to:
 * path-style addressing, signed requests, its own folder, removed on stop.
 */
export class FakeS3 {
  readonly bucket = 'city-photos';
  private server?: S3rver;
  private dir = '';
  port = 0;

  /** MEDIA_* settings that point the media store at this fake. */
  env(prefix = ''): Record<string, string> {
    return {
      MEDIA_STORE: 's3',
      MEDIA_S3_BUCKET: this.bucket,
      MEDIA_S3_ENDPOINT: `http://127.0.0.1:${this.port}`,
      MEDIA_S3_FORCE_PATH_STYLE: 'true',
      MEDIA_S3_ACCESS_KEY_ID: KEY,
      MEDIA_S3_SECRET_ACCESS_KEY: KEY,
      ...(prefix ? { MEDIA_S3_PREFIX: prefix } : {}),
    };
  }

  async start(): Promise<this> {
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'intake311-s3-'));
    this.server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: this.dir, configureBuckets: [{ name: this.bucket }] });
    this.port = (await this.server.run()).port;
    return this;
  }

  async stop(): Promise<void> {
    await this.server?.close();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
