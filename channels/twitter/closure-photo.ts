import type { TwitterApi } from 'twitter-api-v2';
import type { Logger } from '../../src/channels/channel';
import type { PhotosPort } from '../../src/channels/port';
import { mapXError } from '../../vendors/x/errors';

/** X takes images up to 5 MB. */
const MAX_IMAGE_BYTES = 5 * 1024 * 1024;

/**
 * Uploads the case's closure photo to X and returns the media id. The photo is our own processed copy, read through
 * the port (no URL is fetched); undefined when there is none to post (hidden, deleted, not ours, too big): the post
 * then goes out without it rather than not at all.
 */
export async function uploadClosurePhoto(client: TwitterApi, photos: PhotosPort, url: string, log: Logger): Promise<string | undefined> {
  const photo = await photos.ownPhoto(url);
  if (!photo || photo.bytes.length > MAX_IMAGE_BYTES) {
    log.warn({ found: Boolean(photo) }, 'twitter: closure photo not ours, hidden or too big; posting without it');
    return undefined;
  }
  try {
    return await client.v2.uploadMedia(photo.bytes, { media_type: photo.contentType as 'image/jpeg' });
  } catch (err) {
    throw mapXError(err, 'uploading the closure photo');
  }
}
