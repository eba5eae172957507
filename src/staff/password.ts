import crypto from 'node:crypto';
import { promisify } from 'node:util';

const scrypt = promisify(crypto.scrypt) as (password: string, salt: Buffer, keylen: number, options: crypto.ScryptOptions) => Promise<Buffer>;

/**
 * scrypt cost: N = 2^16, r = 8, p = 1 uses 64 MiB and about 0.1-0.2 s per hash on a small server: memory-hard
 * enough that a stolen table is slow to crack on GPUs, cheap enough for a login form. The parameters are stored
 * in each hash, so raising them later leaves old hashes verifiable.
 */
const COST = { N: 2 ** 16, r: 8, p: 1 };
const KEY_LENGTH = 32;

function maxmem(N: number, r: number, p: number): number {
  return 128 * N * r * p + 16 * 1024 * 1024;
}

/** Passwords shorter than this are refused: a long passphrase beats composition rules. */
export const MIN_PASSWORD_LENGTH = 12;

/** A salted scrypt hash, `scrypt$N$r$p$salt$hash` (base64url). */
export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.randomBytes(16);
  const { N, r, p } = COST;
  const key = await scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, { N, r, p, maxmem: maxmem(N, r, p) });
  return `scrypt$${N}$${r}$${p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

/** True when `password` matches `stored`; compared in constant time. A malformed stored hash never matches. */
export async function verifyPassword(password: string, stored: string | null): Promise<boolean> {
  const parts = (stored ?? '').split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = parts.slice(1, 4).map(Number);
  if (![N, r, p].every(Number.isSafeInteger) || N > 2 ** 20 || r > 32 || p > 16) return false;
  const expected = Buffer.from(parts[5], 'base64url');
  if (expected.length < 16) return false;
  // Parameters node refuses (N not a power of two) mean a damaged hash: no match, not a 500.
  const key = await scrypt(password.normalize('NFKC'), Buffer.from(parts[4], 'base64url'), expected.length, {
    N,
    r,
    p,
    maxmem: maxmem(N, r, p),
  }).catch(() => undefined);
  return key !== undefined && key.length === expected.length && crypto.timingSafeEqual(key, expected);
}

/** A hash no password matches, verified against when the email is unknown, so timing does not reveal which emails exist. */
export const DUMMY_HASH = `scrypt$${COST.N}$${COST.r}$${COST.p}$${Buffer.alloc(16).toString('base64url')}$${Buffer.alloc(KEY_LENGTH).toString('base64url')}`;
