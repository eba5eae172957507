import { isPublicUrl } from './public-url';
import type { CaseRecord } from './types';

/** The description the public may see: the staff's redaction when there is one ('' hides it). */
export function publicDescription(c: Pick<CaseRecord, 'description' | 'public_description'>): string {
  return c.public_description ?? c.description;
}

/** The photos the public may see: not hidden by staff, and only URLs to public hosts. */
export function publicPhotos(c: Pick<CaseRecord, 'media'>): string[] {
  return c.media
    .filter((m) => !m.hidden)
    .map((m) => m.url)
    .filter(isPublicUrl);
}
