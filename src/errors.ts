/** Typed errors shared by the core and the channels. */

/** A problem the operator can fix from the message alone (bad configuration, a busy data folder): printed without a stack. */
export class OperatorError extends Error {
  override name = 'OperatorError';
  readonly forOperator = true;
}

/** A request the caller got wrong: the message names the field and what to do. */
export class InputError extends Error {
  override name = 'InputError';
  constructor(
    message: string,
    readonly field?: string,
    readonly code = 'invalid_input',
  ) {
    super(message);
  }
}

export class NotFoundError extends Error {
  override name = 'NotFoundError';
  readonly code = 'not_found';
}

export class ConflictError extends Error {
  override name = 'ConflictError';
  readonly code = 'conflict';
}

/** The provider refused for good (invalid number, opted out, deleted tweet): do not retry. */
export class PermanentSendError extends Error {
  override name = 'PermanentSendError';
  constructor(
    message: string,
    /** The provider's own error code, kept for staff in `last_error`. */
    readonly providerCode?: string | number,
    /** True when the recipient itself is the cause: the subscription is turned off. */
    readonly recipientGone = false,
  ) {
    super(message);
  }
}

/**
 * The recipient told the provider to stop sending them anything (texted STOP): besides failing for good and
 * turning the subscription off, the address is recorded as opted out so nothing else is attempted to it.
 */
export class RecipientOptedOutError extends PermanentSendError {
  override name = 'RecipientOptedOutError';
  constructor(message: string, providerCode?: string | number) {
    super(message, providerCode, true);
  }
}

/** A passing failure (5xx, timeout, network): retry with backoff. */
export class TransientSendError extends Error {
  override name = 'TransientSendError';
  constructor(
    message: string,
    readonly providerCode?: string | number,
  ) {
    super(message);
  }
}

/** The provider asked us to wait: retry after `retryAfterMs`, without counting it as a failure. */
export class RateLimitedError extends Error {
  override name = 'RateLimitedError';
  constructor(
    message: string,
    readonly retryAfterMs: number,
  ) {
    super(message);
  }
}

/**
 * The database did not answer in time, refused the connection or lost it. Nothing was committed by the
 * request that got it; callers answer "try again in a few minutes" (503 on APIs, an apology in TwiML).
 */
export class DatabaseUnavailableError extends Error {
  override name = 'DatabaseUnavailableError';
}

/** A request the caller got wrong, as an HTTP status and a message that names the problem. */
export interface ClientError {
  status: number;
  code: string;
  message: string;
}

/** What express's body parsers and router report (http-errors): a 4xx status, a `type`, and details by type. */
interface HttpErrorLike {
  status?: number;
  statusCode?: number;
  type?: string;
  message?: string;
  limit?: number;
  charset?: string;
  encoding?: string;
  /** zlib's code (`Z_DATA_ERROR`) when a compressed body does not inflate. */
  code?: unknown;
}

function bodyParserMessage(e: HttpErrorLike): string {
  switch (e.type) {
    case 'entity.parse.failed':
      return 'request body is not valid JSON';
    case 'entity.too.large':
      return `request body is larger than ${e.limit ?? 'the limit of'} bytes`;
    case 'parameters.too.many':
      return 'request body has too many parameters';
    case 'charset.unsupported':
      return `request body charset "${e.charset ?? ''}" is not supported; send UTF-8`;
    case 'encoding.unsupported':
      return `Content-Encoding "${e.encoding ?? ''}" is not supported; send the body uncompressed, or gzip, deflate or br`;
    case 'request.aborted':
    case 'request.size.invalid':
      return 'request body ended before its Content-Length';
    default:
      if (typeof e.code === 'string' && e.code.startsWith('Z_')) return 'request body does not decompress as its Content-Encoding says';
      // A 4xx from http-errors carries a message meant for the caller (a bad percent-escape in the path, nesting too deep...).
      return `bad request: ${e.message ?? 'unreadable request'}`;
  }
}

/**
 * The 4xx answer for an error the caller caused, or undefined for our own failures (answered 500).
 * Covers our typed errors and the 4xx errors express's body parsers and router throw: malformed JSON,
 * unknown charsets, corrupt compressed bodies, nesting too deep, a bad `%` escape in the path.
 */
export function clientErrorOf(err: unknown): ClientError | undefined {
  if (err instanceof InputError) return { status: 400, code: err.code, message: err.message };
  if (err instanceof NotFoundError) return { status: 404, code: err.code, message: err.message };
  if (err instanceof ConflictError) return { status: 409, code: err.code, message: err.message };
  if (!err || typeof err !== 'object') return undefined;
  const e = err as HttpErrorLike;
  const status = e.status ?? e.statusCode;
  if (typeof status !== 'number' || status < 400 || status > 499) return undefined;
  const code =
    status === 413 ? 'too_large' : e.type === 'entity.parse.failed' ? 'invalid_json' : status === 415 ? 'unsupported_media_type' : 'bad_request';
  return { status, code, message: bodyParserMessage(e) };
}
