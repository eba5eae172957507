import type { Language, Suggestion } from '../domain/classifier';
import type { PlacesPort } from '../domain/place';
import type { CaseQuery, CaseStatus, ChannelName, GeoPoint, InboundReport, Media, NotificationStatus, PublicCase } from '../domain/types';

/**
 * The one narrow door between a channel and the core. A channel turns a provider's request into a decision;
 * the core applies it in one transaction it owns. Channels never see the core's tables: they get this port,
 * plus SQL for their own vendor tables (`ChannelSql`).
 */
export interface ChannelPort {
  inbound: InboundPort;
  cases: CasesPort;
  contacts: ContactsPort;
  conversations: ConversationsPort;
  deliveries: DeliveriesPort;
  /** Which case a provider message belongs to (a message we sent about it, or one we took in for it). */
  caseOfMessage(channel: ChannelName, providerMessageId: string): Promise<number | undefined>;
  /** True when we sent this provider message ourselves (echo suppression). */
  isOurMessage(channel: ChannelName, providerMessageId: string): Promise<boolean>;
  state: ChannelStatePort;
  categories: CategoryAdvisor;
  /** Where a resident's words or GPS point are, and whether the city serves it (the geocoder, narrowed). */
  places: PlacesPort;
  /** The public read model of cases, for channels that serve it (Open311 GET). */
  publicCases: PublicCasesPort;
  /** API clients (Open311 apps) by their key. */
  apiClients: { find(key: string): Promise<ApiClient | undefined> };
  /** Named leases, so work that must run in one process at a time (polling a vendor) does, however many workers run. */
  leases: LeasesPort;
  /** Our processed photos, for channels that attach them to posts (the X closure photo). */
  photos: PhotosPort;
}

/** Leases held in the database. `holder` is the caller's own random id (one per loop, so two in one process count as two). */
export interface LeasesPort {
  /** Takes or renews `name` for `holder` for `ttlMs`; false while another live holder has it. */
  hold(name: string, holder: string, ttlMs: number): Promise<boolean>;
  /** Gives `name` up if `holder` has it. */
  release(name: string, holder: string): Promise<void>;
}

export interface PhotosPort {
  /**
   * The bytes behind one of our own public photo URLs (`{PUBLIC_BASE_URL}/media/{id}/display`), read from the media
   * store, while the photo is ready, not hidden and its case public. Undefined for any other URL: nothing is fetched.
   */
  ownPhoto(url: string): Promise<{ bytes: Buffer; contentType: string } | undefined>;
}

export interface PublicCasesPort {
  /** Public cases as Open311 shows them, newest first by creation: public fields only, text masked (PublicCase). */
  list(query: CaseQuery): Promise<PublicCase[]>;
  /** A case, public or private (`public` says): the caller decides what to disclose. */
  get(id: number): Promise<PublicCase | undefined>;
  /** The public history of public cases (Open311 servicerequestupdates), oldest first. */
  updates(query: PublicUpdatesQuery): Promise<PublicCaseUpdate[]>;
}

export interface PublicUpdatesQuery {
  /** Changes at or after this time. */
  from: Date;
  /** Changes at or before this time; default now. */
  to?: Date;
  /** Only these cases. */
  caseIds?: number[];
  limit: number;
}

/**
 * One public change to a public case: a status change, a closure, a public staff note. Public by construction:
 * the words are masked of contact details, and residents' own comments and private cases never appear.
 */
export interface PublicCaseUpdate {
  /** The change's own id (stable; its order is the order of changes). */
  id: number;
  caseId: number;
  /** What the change was: `merged` is a case closed as a duplicate. */
  kind: 'status_changed' | 'closed' | 'reopened' | 'merged' | 'status_notes' | 'closure_media' | 'note';
  /** The case's status right after the change. */
  status: CaseStatus;
  /** The public words of the change (status notes, a public note), masked; '' when it had none. */
  description: string;
  /** A public photo that came with the change (the closure photo), if any. */
  mediaUrl: string | null;
  /** For `merged`: the case it was merged into. */
  duplicateOf: number | null;
  at: Date;
}

export interface ApiClient {
  id: number;
  name: string;
  scope: 'staff' | 'open311';
}

/** What a channel may know of a case: enough to answer a resident, nothing private. */
export interface CaseSummary {
  service_request_id: number;
  service_code: string;
  status: CaseStatus;
  status_notes: string | null;
  public: boolean;
  duplicate_of: number | null;
}

/** Someone who hears when a case changes: on which channel, at which address, in which language. */
export interface Follower {
  channel: ChannelName;
  address: string;
  language: Language;
  /** The provider id to answer under (the follower's own tweet); replies go in their thread. */
  threadId?: string;
}

export interface ReportOptions {
  /** The channel already gave the reporter the tracking number in its own reply (TwiML), so no separate message. */
  acknowledgedInline?: boolean;
  /**
   * Who hears of the case: default the reporter's own address on the report's channel. `null`: nobody
   * (a caller's number is only subscribed when they press 1). Another channel is allowed (Open311 with a phone).
   */
  subscriber?: Follower | null;
  /** More addresses that hear of the case like `subscriber` (a web reporter's phone and email). Default none. */
  alsoSubscribers?: Follower[];
  /** Provider id to reply under (the reporter's tweet). */
  threadId?: string;
  /** Skip linking to a nearby open case (e.g. the resident said it is a different problem). */
  noDuplicateCheck?: boolean;
}

/** The one change an inbound message makes to cases, if any. */
export type InboundAction =
  | { kind: 'report'; report: InboundReport; options?: ReportOptions }
  /** A resident's words or photos on an existing case. Not public: they may hold personal details. */
  | {
      kind: 'comment';
      caseId: number;
      text: string;
      media: Media[];
      /**
       * The resident says the problem is not fixed: a closed case (not one merged into another) opens again, as a
       * public `reopened` event, and its subscribers hear of it. Ignored on a case that is not closed.
       */
      reopen?: boolean;
    }
  /**
   * Follow a case (a merged case is followed through the one that stays open). `confirm` sends a
   * `follow_confirmed` message through the outbox, for channels that cannot answer inline.
   * A private case is followed only by an address already subscribed to it.
   */
  | { kind: 'follow'; caseId: number; follower: Follower; confirm?: boolean }
  /**
   * Read a case's status for an address subscribed to it; anyone else learns nothing. Without `caseId`: the newest
   * case the asker reported or follows.
   */
  | { kind: 'status'; caseId?: number; asker: { channel: ChannelName; address: string } }
  /**
   * The reporter asks to keep their case off the public map and feeds. Only the case's reporter may: an `asker`
   * subscribed to it as its reporter, or the inbound message that filed it (`filedBy`, e.g. the call still on the line).
   */
  | { kind: 'make_private'; caseId: number; asker?: { channel: ChannelName; address: string }; filedBy?: string };

/**
 * What the channel decided for one inbound message. `reply` is the channel's own answer data, stored with the
 * message so a redelivery gets the same answer without deciding again.
 */
export interface InboundDecision<R> {
  reply: R;
  /** Changes to the sender's contact record (opt-out, language). */
  contact?: { optedOut?: boolean; language?: Language };
  /**
   * The conversation's next state, or `null` to forget it. `caseIdField`: a top-level field of `state` to set to
   * the id of the case the action created or linked (the state cannot know it before the core applies it).
   */
  conversation?: { state: unknown; caseIdField?: string } | null;
  action?: InboundAction;
}

/** What the core did with the decision's action. */
export type InboundOutcome =
  | { kind: 'none' }
  | { kind: 'created' | 'linked'; case: CaseSummary; suggestions: Suggestion[] }
  | { kind: 'commented' | 'followed' | 'status' | 'made_private'; case: CaseSummary }
  /** The case does not exist, or the sender may not see it (the same answer, so case numbers cannot be probed). */
  | { kind: 'unknown_case'; caseId: number | null };

/** What the core loaded for the channel to decide on. */
export interface InboundView<S> {
  contact?: { optedOut: boolean; language: Language | null };
  conversation?: { state: S; updatedAt: Date };
}

export interface InboundMessage {
  channel: ChannelName;
  /** The provider's id of the message; a redelivery with the same id gets the stored answer. Omit for steps that are not claimable. */
  providerMessageId?: string;
  /** The raw payload, kept for audit and re-parsing. */
  raw?: unknown;
  /** Load this contact (the sender's address on the channel). */
  contactAddress?: string;
  /** Load this conversation (its state is locked against concurrent messages by a version check). */
  conversationKey?: string;
}

export interface InboundResult<R> {
  reply: R;
  outcome: InboundOutcome;
  /** A redelivery of a message already handled: nothing new was written. */
  replayed: boolean;
}

export interface InboundPort {
  /**
   * Handles one inbound message exactly once: loads what the channel needs, asks it to `decide` (pure: no I/O),
   * then applies the decision atomically. A concurrent message on the same conversation makes the core load again
   * and ask again, so each decision is made on the state it is applied to.
   */
  handle<S, R>(
    message: InboundMessage,
    decide: (view: InboundView<S>) => InboundDecision<R> | Promise<InboundDecision<R>>,
  ): Promise<InboundResult<R>>;
  /** The stored answer of a message already handled, if any (Open311 tokens, retries across key windows). */
  stored<R>(channel: ChannelName, providerMessageId: string): Promise<InboundResult<R> | undefined>;
}

export interface CaseAmendment {
  description?: string;
  details?: Record<string, unknown>;
  /** Fresh suggestions for the case (a later transcript); stored with the classifier's version. */
  suggestions?: Suggestion[];
  /** Recategorise to the best suggestion when the case is still in the catalog's default category and the suggestion is confident. */
  recategorise?: boolean;
}

export interface CasesPort {
  get(id: number): Promise<CaseSummary | undefined>;
  /** A system change to a case a channel filed (a transcript that arrived late). */
  amend(id: number, amendment: CaseAmendment, actor: string): Promise<void>;
}

export interface ContactsPort {
  setOptOut(channel: ChannelName, address: string, optedOut: boolean): Promise<void>;
}

export interface ConversationsPort {
  get<S>(channel: ChannelName, key: string): Promise<{ state: S; updatedAt: Date } | undefined>;
}

/** A provider's delivery receipt for a message we sent, in our own status words. */
export interface DeliveryReceipt {
  channel: ChannelName;
  providerMessageId: string;
  status: NotificationStatus;
  /** The provider's own status word, kept for staff. */
  providerStatus: string;
  error?: string;
  /** The provider says the recipient opted out: nothing more is sent to them. */
  recipientOptedOut?: boolean;
  /**
   * Our notification id, when the provider echoes it back (a status callback URL that carries it). A receipt for a
   * message whose send answer was lost then still finds its row, which adopts the provider id and status.
   */
  notificationId?: number;
}

export interface DeliveriesPort {
  /** Applies a receipt (rows only move forward); false when the message is not ours. */
  record(receipt: DeliveryReceipt): Promise<boolean>;
}

/** A channel's small durable values (e.g. a poller's since_id), kept across restarts. */
export interface ChannelStatePort {
  get(channel: ChannelName, key: string): Promise<string | undefined>;
  set(channel: ChannelName, key: string, value: string): Promise<void>;
}

/** The core's one rule for "confident enough", checked against the city's catalog. */
export interface CategoryAdvice {
  suggestions: Suggestion[];
  /** The category to propose alone, when the classifier is confident and it is a real category of this city. */
  confident?: string;
}

export interface CategoryAdvisor {
  advise(text: string, language: Language, options?: { exclude?: readonly string[] }): CategoryAdvice;
  detectLanguage(text: string): Language;
}

/** SQL for a channel's own vendor tables (e.g. voice recordings, X post slots); never the core's tables. */
export interface ChannelSql {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<{ rows: T[]; rowCount: number }>;
  transaction<T>(fn: (tx: Pick<ChannelSql, 'query'>) => Promise<T>): Promise<T>;
}

export type { Place, PlaceKind, PlaceSource, PlacesPort } from '../domain/place';
export type { GeoPoint };
