/** W3C date-time with its zone, without milliseconds (older clients' parsers reject fractions). */
export function w3cDate(d: Date | string | null): string | null {
  return d === null ? null : new Date(d).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
