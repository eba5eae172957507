import type { CaseRecord } from './types';

/** Our URL for one size of a processed photo: the only photo URLs anything public shows. */
export function mediaUrl(baseUrl: string, id: number, size: 'display' | 'thumb' = 'display'): string {
  return `${baseUrl}/media/${id}/${size}`;
}

/** The first of a case's public report photos (Open311's `media_url`), without listing the rest. */
export function firstPhotoUrl(c: Pick<CaseRecord, 'photos'>, baseUrl: string): string | null {
  for (const p of c.photos ?? []) if (p.kind === 'report') return mediaUrl(baseUrl, p.id);
  return null;
}

/**
 * A case's public photos at our URLs: the residents' (processed, not hidden) and the closure photo when its processed
 * copy is ready. Never the provider's URL: that may need credentials, vanish, or carry the phone's GPS.
 */
export function publicPhotoUrls(c: Pick<CaseRecord, 'photos'>, baseUrl: string): { photos: string[]; closure: string | null } {
  const photos = c.photos ?? [];
  const closure = photos.find((p) => p.kind === 'closure');
  return {
    photos: photos.filter((p) => p.kind === 'report').map((p) => mediaUrl(baseUrl, p.id)),
    closure: closure ? mediaUrl(baseUrl, closure.id) : null,
  };
}
