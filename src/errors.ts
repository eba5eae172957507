/** Typed errors shared by the core and the channels. */

/** A problem the operator can fix from the message alone (bad configuration, a busy data folder): printed without a stack. */
export class OperatorError extends Error {
  readonly forOperator = true;
}

/** A request the caller got wrong: the message names the field and what to do. */
export class InputError extends Error {
  constructor(
    message: string,
    readonly field?: string,
    readonly code = 'invalid_input',
  ) {
    super(message);
  }
}

export class NotFoundError extends Error {
  readonly code = 'not_found';
}

export class ConflictError extends Error {
  readonly code = 'conflict';
}

/** The provider refused for good (invalid number, opted out, deleted tweet): do not retry. */
export class PermanentSendError extends Error {
  constructor(
    message: string,
    /** The provider's own error code, e.g. Twilio 21610. */
    readonly providerCode?: string | number,
    /** True when the recipient itself is the cause: the subscription is turned off. */
    readonly recipientGone = false,
  ) {
    super(message);
  }
}

/** A passing failure (5xx, timeout, network): retry with backoff. */
export class TransientSendError extends Error {
  constructor(
    message: string,
    readonly providerCode?: string | number,
  ) {
    super(message);
  }
}

/** The provider asked us to wait: retry after `retryAfterMs`, without counting it as a failure. */
export class RateLimitedError extends Error {
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
