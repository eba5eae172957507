import type { Language, Suggestion } from './classifier';
import type { Place, PlaceKind, PlaceSource } from './place';

/**
 * The names of the registered channel modules. Each channel's folder adds its own name here
 * (`declare module '.../src/domain/types' { interface ChannelNames { sms: true } }`), next to its module,
 * so a new channel is a folder and a line in the registry, and a mistyped name still fails to compile.
 */
// biome-ignore lint/suspicious/noEmptyInterface: an interface, not a type alias: each channel merges its name into it.
export interface ChannelNames {}

/**
 * The name for reports made on the city's own web pages (the public site's `/report` form and "Follow this case"),
 * which the core serves itself: no channel module carries it.
 */
export const SITE_CHANNEL = 'web';

/** Channels a resident can reach us on: the registered channel modules, and the city's own site. */
export type ChannelName = keyof ChannelNames | typeof SITE_CHANNEL;

/** Longest description kept, as Open311 allows. */
export const MAX_DESCRIPTION = 4000;

export type CaseStatus = 'open' | 'in_progress' | 'closed';
export const CASE_STATUSES: readonly CaseStatus[] = ['open', 'in_progress', 'closed'];

export interface GeoPoint {
  lat: number;
  lon: number;
}

export interface Media {
  url: string;
  content_type?: string;
  /** Staff hid this photo from the public (moderation); staff still see it. */
  hidden?: boolean;
}

/** A processed photo of a case that the public may see (ready, not hidden); its URLs are ours: `/media/{id}/{size}`. */
export interface CasePhoto {
  id: number;
  /** `report`: sent by a resident; `closure`: the staff's photo of the fix. */
  kind: 'report' | 'closure';
}

/** How to reach a resident back; kept private, never shown publicly. */
export interface ReporterContact {
  /** Phone number (E.164), X user id, or email, depending on the channel. */
  address?: string;
  /** X handle without @, for display to staff. */
  handle?: string;
  name?: string;
  email?: string;
  phone?: string;
}

/**
 * What every channel adapter turns its input into. The provider's message id makes intake idempotent;
 * the raw payload is kept for audit and re-parsing.
 */
export interface InboundReport {
  channel: ChannelName;
  /** The provider's id of the message (MessageSid, CallSid, tweet id, Open311 request token). */
  providerMessageId: string;
  reporter: ReporterContact;
  text: string;
  media: Media[];
  location?: GeoPoint;
  address?: string;
  /**
   * The place as the channel already looked it up (`port.places.locate`). Without it, intake looks up `location`
   * (reverse) or `address` (forward) itself.
   */
  place?: Place;
  language?: Language;
  /** The service code the resident confirmed, if any; otherwise intake classifies the text. */
  serviceCode?: string;
  /**
   * The classifier's suggestions for `text`, when the channel already asked for them (its conversation proposed a
   * category): intake uses them instead of classifying the same words again.
   */
  suggestions?: Suggestion[];
  /** Open311 attribute answers keyed by attribute code. */
  attributes?: Record<string, string | string[]>;
  /** False when the reporter asked to keep the case private. Default true. */
  public?: boolean;
  /** Channel-specific details worth keeping on the case (e.g. transcript engine and confidence). */
  details?: Record<string, unknown>;
  raw: unknown;
  receivedAt?: Date;
}

/**
 * The details key (true) of a report filed without the resident's answer to the channel's category question (X, after
 * CONVERSATION_TIMEOUT_MINUTES): the category is the classifier's guess, and the opening reply says so.
 */
export const UNANSWERED_CATEGORY_DETAIL = 'category_unanswered';

/** A selection of cases, newest first (Open311 GET requests, the staff list). */
export interface CaseQuery {
  status?: CaseStatus[];
  service_code?: string[];
  channel?: ChannelName[];
  /** Cases updated at or after this time. */
  since?: Date;
  /** Cases created at or after / before these times (Open311 start_date / end_date). */
  createdFrom?: Date;
  createdTo?: Date;
  ids?: number[];
  publicOnly?: boolean;
  /** Keyset pagination: only cases with a smaller tracking number. */
  beforeId?: number;
  limit: number;
  offset?: number;
}

/**
 * A case as public outputs (Open311) read it: public fields only, the description and address masked, the dates as
 * W3C date-times in UTC to the second. Built field by field from the store (src/storage/public-cases-repo.ts).
 */
export interface PublicCase {
  service_request_id: number;
  /** False for a case staff made private: the caller answers as if it did not exist. */
  public: boolean;
  status: CaseStatus;
  status_notes: string | null;
  service_code: string;
  department: string | null;
  description: string;
  address: string | null;
  /** The address id an Open311 client sent (`details.open311_address_id`), when it was a string. */
  address_id: string | null;
  lat: number | null;
  lon: number | null;
  duplicate_of: number | null;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  photos: CasePhoto[];
}

export interface CaseRecord {
  service_request_id: number;
  service_code: string;
  status: CaseStatus;
  description: string;
  lat: number | null;
  lon: number | null;
  address: string | null;
  /** How the point was found (migration 012); null on cases from before, or with no place. */
  location_kind: PlaceKind | null;
  location_confidence: number | null;
  location_source: PlaceSource | null;
  neighborhood: string | null;
  media: Media[];
  channel: ChannelName;
  language: Language;
  reporter: ReporterContact;
  public: boolean;
  department: string | null;
  status_notes: string | null;
  closure_media_url: string | null;
  /** The case's processed, visible photos (read with the case; absent where a row was built without them). */
  photos?: CasePhoto[];
  duplicate_of: number | null;
  classification: { version: string; suggestions: Suggestion[] } | null;
  attributes: Record<string, string | string[]>;
  details: Record<string, unknown>;
  created_at: Date;
  updated_at: Date;
  closed_at: Date | null;
  /** The staff account working the case (the console's assignee). */
  assignee_id?: number | null;
  /** `low`, `normal`, `high` or `urgent`. */
  priority?: string;
  /** What the public sees instead of `description` when staff redacted it ('' hides it); null shows the original. */
  public_description?: string | null;
  /**
   * The public description and address with personal data masked, stored at write time so reads only copy
   * them (migration 020); valid only when `mask_version` is the current MASK_VERSION (src/domain/public-text.ts).
   */
  masked_description?: string | null;
  masked_address?: string | null;
  mask_version?: number | null;
}

export type CaseEventType =
  | 'opened'
  | 'status_changed'
  | 'closed'
  | 'reopened'
  | 'recategorized'
  | 'status_notes'
  | 'closure_media'
  | 'note'
  | 'comment'
  | 'duplicate_linked'
  | 'merged'
  | 'followed'
  | 'updated'
  /** Staff wrote to the resident (the words are in the notification's params). */
  | 'replied'
  /** Staff assigned the case to a person or department, or set its priority. */
  | 'assigned'
  /** Staff moved the case's point (by address or pin); private to staff. */
  | 'location_corrected';

export interface CaseEvent {
  id: number;
  case_id: number;
  type: CaseEventType;
  /** Who did it: `resident:sms`, `staff:<token name>`, `system`. */
  actor: string;
  data: Record<string, unknown>;
  /** Whether the public case page and feeds may show it. */
  public: boolean;
  created_at: Date;
}

export interface Subscription {
  id: number;
  case_id: number;
  channel: ChannelName;
  address: string;
  language: Language;
  role: 'reporter' | 'follower';
  active: boolean;
  /** The provider id of the message that started the conversation (e.g. the tweet to reply under). */
  thread_id: string | null;
  created_at: Date;
}

/**
 * What a notification tells its recipient; the publisher renders it per channel and language.
 * `follow_confirmed` answers a resident who followed a case on a channel that cannot reply inline (a tweet reply).
 */
export type NotificationKind =
  | 'case_opened'
  | 'status_changed'
  | 'case_closed'
  | 'duplicate_linked'
  | 'follow_confirmed'
  | 'feed_opened'
  | 'feed_closed'
  /** A staff member's own words to the resident, sent on the channel they reported on (params.text). */
  | 'staff_reply';

export type NotificationStatus = 'pending' | 'queued' | 'sending' | 'sent' | 'delivered' | 'undelivered' | 'failed' | 'skipped';

/** One outbound message in the outbox. Created in the same transaction as the case change it reports. */
export interface NotificationRecord {
  id: number;
  case_id: number;
  event_id: number | null;
  subscription_id: number | null;
  channel: ChannelName;
  /** Phone number, X user id, or `feed` for the city's public timeline. */
  recipient: string;
  kind: NotificationKind;
  language: Language;
  /** Values the template needs that may change later (status notes at the time of closing...). */
  params: Record<string, unknown>;
  status: NotificationStatus;
  attempts: number;
  provider_id: string | null;
  provider_status: string | null;
  last_error: string | null;
  created_at: Date;
  updated_at: Date;
  sent_at: Date | null;
  /** When the last send attempt took the row (bounds a provider lookup after an interruption). */
  claimed_at: Date | null;
  /** When a worker was found to have died mid-send: the provider may or may not have the message. */
  interrupted_at: Date | null;
  /** When an interrupted send was settled with the provider (found and adopted, or known not sent). */
  reconciled_at: Date | null;
}
