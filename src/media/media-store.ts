/**
 * The media store port: where photo bytes live, by key (`<media id>/display.jpg`). The filesystem under DATA_DIR by
 * default, or any S3-compatible object store. Nothing else in the code knows which one runs.
 */
export interface MediaStore {
  readonly kind: 'fs' | 's3';
  /** Writes (or overwrites) one object: writing the same key twice leaves one copy. */
  put(key: string, bytes: Buffer, contentType: string): Promise<void>;
  /** The object, or undefined when there is none. */
  get(key: string): Promise<StoredObject | undefined>;
  /** Removes the objects; keys that do not exist are fine. */
  delete(keys: string[]): Promise<void>;
  /** Every key under a prefix (tests, audits). */
  list(prefix: string): Promise<string[]>;
}

export interface StoredObject {
  bytes: Buffer;
  contentType: string;
}

/** The sizes a processed photo is kept in. `original` is the file as received, for staff only, until its retention ends. */
export type MediaSize = 'display' | 'thumb' | 'original';
export const PUBLIC_SIZES: readonly MediaSize[] = ['display', 'thumb'];

/** The key of one size of one media item. */
export function mediaKey(id: number, size: MediaSize): string {
  return size === 'original' ? `${id}/original` : `${id}/${size}.jpg`;
}
