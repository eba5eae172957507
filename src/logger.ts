import pino from 'pino';
import { maskPersonalData } from './domain/mask';

export type Logger = pino.Logger;

/**
 * Paths pino blanks out wherever they appear in a log object. Phone numbers, handles and secrets
 * are personal data or credentials; logs are read by more people than the case store.
 */
const REDACT = [
  'authToken',
  '*.authToken',
  'auth_token',
  'token',
  '*.token',
  'password',
  '*.password',
  'secret',
  '*.secret',
  'appSecret',
  '*.appSecret',
  'accessSecret',
  '*.accessSecret',
  'authorization',
  '*.authorization',
  'headers.authorization',
  'req.headers.authorization',
  'req.headers["x-twilio-signature"]',
  'From',
  '*.From',
  'To',
  '*.To',
  'from',
  '*.from',
  'to',
  '*.to',
  'phone',
  '*.phone',
  'email',
  '*.email',
  'recipient',
  '*.recipient',
  'address',
  '*.address',
  'reporter',
  '*.reporter',
  'handle',
  '*.handle',
  'api_key',
  '*.api_key',
  'raw',
  '*.raw',
];

/**
 * Error texts quote the values that failed: a PostgreSQL error names the key ("Key (channel, address)=(sms, +1617...)")
 * and a provider error the recipient. Errors and failure reasons are masked like public text.
 */
function maskedError(value: unknown): unknown {
  if (typeof value === 'string') return maskPersonalData(value);
  if (!(value instanceof Error)) return value;
  const out = pino.stdSerializers.err(value) as unknown as Record<string, unknown>;
  for (const [key, v] of Object.entries(out)) if (typeof v === 'string') out[key] = maskPersonalData(v);
  return out;
}

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'intake311' },
      redact: { paths: REDACT, censor: '[redacted]' },
      serializers: { err: maskedError, error: maskedError, reason: maskedError },
    },
    destination,
  );
}
