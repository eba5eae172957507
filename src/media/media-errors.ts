/**
 * The photo will never be taken, whatever we try: not an image, too large, an address we do not fetch. The reason
 * is stored on the media row for staff, in words they can act on.
 */
export class MediaRefusedError extends Error {
  override name = 'MediaRefusedError';
}

/** A passing failure (the server is down, a timeout): the ingest job is retried. */
export class MediaFetchError extends Error {
  override name = 'MediaFetchError';
}
