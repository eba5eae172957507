import { DeleteObjectsCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { MediaConfig } from '../config';
import type { MediaStore, StoredObject } from './media-store';

type S3Settings = Extract<MediaConfig['store'], { kind: 's3' }>;

/**
 * Photos in an S3-compatible bucket (AWS S3, MinIO, Ceph, R2...): `MEDIA_S3_ENDPOINT` and
 * `MEDIA_S3_FORCE_PATH_STYLE` point the SDK at a non-AWS server; without keys the SDK's default credential
 * chain (instance role, environment) is used. Objects are private: the public gets photos through `/media/...`.
 */
export function s3MediaStore(s: S3Settings): MediaStore {
  const client = new S3Client({
    region: s.region,
    endpoint: s.endpoint,
    forcePathStyle: s.forcePathStyle,
    // Checksums only where S3 requires them: many S3-compatible servers do not take the SDK's newer aws-chunked uploads.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    ...(s.credentials ? { credentials: s.credentials } : {}),
  });
  const key = (k: string) => `${s.prefix}${k}`;
  return {
    kind: 's3',
    async put(k, bytes, contentType) {
      await client.send(new PutObjectCommand({ Bucket: s.bucket, Key: key(k), Body: bytes, ContentType: contentType }));
    },
    async get(k): Promise<StoredObject | undefined> {
      try {
        const out = await client.send(new GetObjectCommand({ Bucket: s.bucket, Key: key(k) }));
        const bytes = Buffer.from(await out.Body!.transformToByteArray());
        return { bytes, contentType: out.ContentType ?? 'application/octet-stream' };
      } catch (err) {
        const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
        if (e.name === 'NoSuchKey' || e.$metadata?.httpStatusCode === 404) return undefined;
        throw err;
      }
    },
    async delete(keys) {
      if (!keys.length) return;
      await client.send(new DeleteObjectsCommand({ Bucket: s.bucket, Delete: { Objects: keys.map((k) => ({ Key: key(k) })), Quiet: true } }));
    },
    async list(prefix) {
      const found: string[] = [];
      let token: string | undefined;
      do {
        const out = await client.send(new ListObjectsV2Command({ Bucket: s.bucket, Prefix: key(prefix), ContinuationToken: token }));
        for (const o of out.Contents ?? []) if (o.Key) found.push(o.Key.slice(s.prefix.length));
        token = out.IsTruncated ? out.NextContinuationToken : undefined;
      } while (token);
      return found.sort();
    },
  };
}
