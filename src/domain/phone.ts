/** "617-555-0123 ext. 45", "x45", "#45": an extension, which no text message can reach. */
const EXTENSION = /(?:\s*(?:ext\.?|extension|x|#)\s*\d{1,6})$/i;

/**
 * A phone number as SMS addresses are stored (E.164), from what apps send: "+1 617-555-0123",
 * "(617) 555-0123", "6175550123". Ten digits are taken as North American. Undefined when it is not one SMS can
 * reach: not a number, a number without its area or country code, or one with an extension.
 */
export function toE164(raw: string): string | undefined {
  const trimmed = raw.trim();
  if (EXTENSION.test(trimmed) || !/^\+?[\d\s().-]+$/.test(trimmed)) return undefined;
  const digits = trimmed.replace(/\D/g, '');
  if (trimmed.startsWith('+')) return digits.length >= 8 && digits.length <= 15 ? `+${digits}` : undefined;
  if (digits.length === 10) return `+1${digits}`;
  if (digits.length === 11 && digits.startsWith('1')) return `+${digits}`;
  return undefined;
}
