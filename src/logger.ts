import pino from 'pino';

export type Logger = pino.Logger;

/**
 * Paths pino blanks out wherever they appear in a log object. Phone numbers, handles and secrets
 * are personal data or credentials; logs are read by more people than the case store.
 */
const REDACT = [
  'authToken', '*.authToken', 'auth_token', 'token', '*.token', 'password', '*.password', 'secret', '*.secret',
  'appSecret', '*.appSecret', 'accessSecret', '*.accessSecret', 'authorization', '*.authorization',
  'headers.authorization', 'req.headers.authorization', 'req.headers["x-twilio-signature"]',
  'From', '*.From', 'To', '*.To', 'from', '*.from', 'to', '*.to', 'phone', '*.phone', 'recipient', '*.recipient',
  'address', '*.address', 'reporter', '*.reporter', 'handle', '*.handle', 'api_key', '*.api_key', 'raw', '*.raw',
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino({ level, base: { service: 'intake311' }, redact: { paths: REDACT, censor: '[redacted]' } }, destination);
}
