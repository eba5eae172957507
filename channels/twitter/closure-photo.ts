import type { TwitterApi } from 'twitter-api-v2';
import type { Logger } from '../../src/channels/channel';
import { TransientSendError } from '../../src/errors';
import { mapXError } from '../../vendors/x/errors';

/** X takes images up to 5 MB. */
const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
const IMAGE_TYPES = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/webp']);
const DOWNLOAD_TIMEOUT_MS = 15_000;

/**
 * Downloads the staff's closure photo and uploads it to X; returns the media id, or undefined when the
 * photo cannot be used (gone, not an image, too big): the post then goes out without it rather than
 * not at all. A photo server that is down is a passing failure, retried with the post.
 */
export async function uploadClosurePhoto(client: TwitterApi, url: string, log: Logger): Promise<string | undefined> {
  let res: Response;
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS), redirect: 'follow' });
  } catch (err) {
    throw new TransientSendError(`twitter: could not download the closure photo: ${(err as Error).message}`);
  }
  if (res.status >= 500) throw new TransientSendError(`twitter: the closure photo's server answered ${res.status}`, res.status);
  const type = (res.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
  const declared = Number(res.headers.get('content-length') ?? 0);
  if (!res.ok || !IMAGE_TYPES.has(type) || declared > MAX_IMAGE_BYTES) {
    await res.body?.cancel();
    log.warn({ status: res.status, type }, 'twitter: closure photo unusable; posting without it');
    return undefined;
  }
  const bytes = Buffer.from(await res.arrayBuffer());
  if (bytes.length > MAX_IMAGE_BYTES) {
    log.warn({ bytes: bytes.length }, 'twitter: closure photo over 5 MB; posting without it');
    return undefined;
  }
  try {
    return await client.v2.uploadMedia(bytes, { media_type: type as 'image/jpeg' });
  } catch (err) {
    throw mapXError(err, 'uploading the closure photo');
  }
}
