import { InputError } from '../errors';

const PHONE = /^\+?[0-9]{5,15}$/;

/** A string field of a JSON body, trimmed; '' when absent. Longer than `max` is an error naming the field. */
export function text(body: unknown, key: string, max: number): string {
  const v = body && typeof body === 'object' ? (body as Record<string, unknown>)[key] : undefined;
  if (typeof v !== 'string') return '';
  if (v.length > max) throw new InputError(`${key} is longer than ${max} characters; shorten it`, key);
  return v.trim();
}

/** A phone number field (the simulated resident's own). */
export function phone(body: unknown, key: string): string {
  const v = text(body, key, 20);
  if (!PHONE.test(v)) throw new InputError(`${key} "${v}" must be a phone number such as +16175550123`, key);
  return v;
}
