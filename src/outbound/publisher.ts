import type { CaseRecord, NotificationRecord } from '../domain/types';

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

/**
 * What a channel implements to send. It throws PermanentSendError, TransientSendError or RateLimitedError
 * (src/errors.ts) and never retries by itself: the queue decides.
 */
export interface Publisher {
  send(message: OutboundMessage): Promise<SendResult>;
}
