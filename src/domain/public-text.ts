import { maskPersonalData } from './mask';
import { publicDescription } from './moderation';
import type { CaseRecord } from './types';

/**
 * The version of the masking rules (src/domain/mask.ts) that stored masks were made with. Bump it whenever
 * those rules change, with a migration that sets `mask_version = NULL` where it is older: a stored mask of
 * another version is never served (the text is masked afresh on read instead), and housekeeping re-masks the
 * rows whose version is NULL in batches.
 */
export const MASK_VERSION = 1;

/** A case's public description and address, masked: what every public output shows. */
export interface MaskedText {
  masked_description: string;
  masked_address: string | null;
}

type TextFields = Pick<CaseRecord, 'description' | 'public_description' | 'address' | 'masked_description' | 'masked_address' | 'mask_version'>;

/** Masks a case's public description and address now (at intake, on an edit, in the backfill). */
export function maskCaseText(c: Pick<CaseRecord, 'description' | 'public_description' | 'address'>): MaskedText {
  return { masked_description: maskPersonalData(publicDescription(c)), masked_address: c.address === null ? null : maskPersonalData(c.address) };
}

/**
 * The masked text of a case as read: the copy stored at write time when it was made by the current rules, else
 * masked here. A write that changes the text clears the stored copy in the same statement (trigger
 * cases_masks_stale), so a stored copy is never older than the text.
 */
export function publicCaseText(c: TextFields): MaskedText {
  const stored = c.mask_version === MASK_VERSION && typeof c.masked_description === 'string';
  if (stored && (c.address === null || typeof c.masked_address === 'string')) {
    return { masked_description: c.masked_description!, masked_address: c.address === null ? null : c.masked_address! };
  }
  return maskCaseText(c);
}
