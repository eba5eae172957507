import crypto from 'node:crypto';

/**
 * The webhook signature, one scheme both ways (our events out, status changes in): header
 * `X-Intake311-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`. The timestamp is signed too,
 * so an old request cannot be replayed outside the window with a fresh time.
 */
export const SIGNATURE_HEADER = 'x-intake311-signature';

export function sign(secret: string, body: string | Buffer, nowSeconds = Math.floor(Date.now() / 1000)): string {
  const mac = crypto.createHmac('sha256', secret).update(`${nowSeconds}.`).update(body).digest('hex');
  return `t=${nowSeconds},v1=${mac}`;
}

/** Why a signature does not check out, or undefined when it does. Constant-time comparison; no header fails. */
export function signatureProblem(
  secret: string,
  body: Buffer,
  header: string | undefined,
  windowSeconds: number,
  nowSeconds = Math.floor(Date.now() / 1000),
): string | undefined {
  if (!header) return `missing ${SIGNATURE_HEADER} header`;
  const parts = new Map(header.split(',').map((p) => p.trim().split('=', 2) as [string, string]));
  const t = Number(parts.get('t'));
  const given = parts.get('v1') ?? '';
  if (!Number.isInteger(t) || !/^[0-9a-f]{64}$/.test(given)) return `${SIGNATURE_HEADER} must be t=<unix seconds>,v1=<hex HMAC-SHA256>`;
  if (Math.abs(nowSeconds - t) > windowSeconds) return `signature timestamp is outside the ${windowSeconds} s replay window`;
  const expected = crypto.createHmac('sha256', secret).update(`${t}.`).update(body).digest();
  if (!crypto.timingSafeEqual(expected, Buffer.from(given, 'hex'))) return 'signature does not match';
  return undefined;
}
