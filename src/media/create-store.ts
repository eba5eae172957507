import type { MediaConfig } from '../config';
import { fsMediaStore } from './fs-store';
import type { MediaStore } from './media-store';
import { s3MediaStore } from './s3-store';

/** The store MEDIA_STORE names: the filesystem under DATA_DIR (default) or an S3-compatible bucket. */
export function createMediaStore(media: MediaConfig): MediaStore {
  return media.store.kind === 's3' ? s3MediaStore(media.store) : fsMediaStore(media.store.dir);
}
