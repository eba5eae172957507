import type { CaseRecord, NotificationRecord, NotificationStatus } from '../domain/types';

/** One message ready to go out: the outbox row, its case, and the text rendered for the channel and language. */
export interface OutboundMessage {
  notification: NotificationRecord;
  case: CaseRecord;
  text: string;
  /** A photo to attach (the closure photo), where the channel can. */
  mediaUrl?: string;
}

export interface SendResult {
  /** The provider's id of what it accepted (MessageSid, tweet id). Stored: retries never send twice. */
  providerId: string;
  /** The provider's status at acceptance (e.g. Twilio `queued`). */
  status?: string;
}

/** A send that was interrupted, to look up at the provider: the row with the text as it was sent and when it was claimed. */
export interface InterruptedSend {
  notification: NotificationRecord;
  text: string;
  claimedAt: Date;
}

/** What the provider knows of an interrupted send. `unknown`: it could not say now (ask again later). */
export type LookupResult =
  | { kind: 'found'; providerId: string; status: NotificationStatus; providerStatus: string }
  | { kind: 'not_found' }
  | { kind: 'unknown'; reason: string };

/**
 * What a channel implements to send. It throws PermanentSendError, TransientSendError or RateLimitedError
 * (src/errors.ts) and never retries by itself: the queue decides.
 */
export interface Publisher {
  send(message: OutboundMessage): Promise<SendResult>;
  /**
   * Optional: finds a message whose send answer was lost (the worker died), by our own data (recipient, text,
   * time), so it is recorded as sent instead of being sent twice. Channels that cannot look up leave it out.
   */
  lookup?(send: InterruptedSend): Promise<LookupResult>;
}
