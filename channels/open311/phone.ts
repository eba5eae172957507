/**
 * A phone number as SMS addresses are stored (E.164), from what apps send: "+1 617-555-0123",
 * "(617) 555-0123", "6175550123". Ten digits are taken as North American. Undefined when it is not a number.
 */
export function toE164(raw: string): string | undefined {
  const trimmed = raw.trim();
  if (!/^\+?[\d\s().-]+$/.test(trimmed)) return undefined;
  const digits = trimmed.replace(/\D/g, '');
  if (trimmed.startsWith('+')) return digits.length >= 8 && digits.length <= 15 ? `+${digits}` : undefined;
  if (digits.length === 10) return `+1${digits}`;
  if (digits.length === 11 && digits.startsWith('1')) return `+${digits}`;
  return undefined;
}
