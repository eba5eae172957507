import type { CaseStatus } from '../domain/types';
import type { ConnectorConfig } from './config';

/**
 * What a connector (connectors/<system>/) implements, and all it knows of the core: plain data in, plain data out.
 * It never touches the database. Errors: PermanentSendError (refused for good: dead-letter), TransientSendError or
 * any other error (retried with backoff), RateLimitedError (wait, not counted). It never retries by itself.
 */

/** `opened` on a new case, `updated` on a recategorisation, status change or resident's comment, `closed` on a close or merge. */
export type DeliveryKind = 'opened' | 'updated' | 'closed';

/** The case as a downstream sees it. Reporter details only reach connectors configured to send them. */
export interface ConnectorCase {
  id: number;
  service_code: string;
  service_name: string;
  department: string | null;
  status: CaseStatus;
  description: string;
  lat: number | null;
  lon: number | null;
  address: string | null;
  media_urls: string[];
  attributes: Record<string, unknown>;
  status_notes: string | null;
  created_at: string;
  updated_at: string;
  /** The case's public page. */
  url: string;
  reporter?: { name?: string; email?: string; phone?: string };
}

/** What changed: the case event behind the delivery. */
export interface ConnectorChange {
  /** Our event type: opened, recategorized, status_changed, reopened, comment, duplicate_linked (another resident's report), amended (the description filled in later, e.g. a call's transcript), closed, merged. */
  type: string;
  /** Recategorised from, status changed from. */
  from?: string;
  to?: string;
  /** A resident's comment, or the words of another report of the same problem. */
  text?: string;
  media_urls?: string[];
}

/** One delivery to send. */
export interface ConnectorDelivery {
  /** Stable across retries and workers: the downstream's idempotency key (`intake311-<event id>`). */
  eventId: string;
  kind: DeliveryKind;
  occurredAt: string;
  case: ConnectorCase;
  change: ConnectorChange;
  /** What the downstream already calls this case (absent until an `opened` delivery was accepted). */
  externalId?: string;
}

/** The downstream accepted. `token`: it will tell the id later (Open311 `tokens/{token}`). */
export interface DeliveryAccepted {
  externalId?: string;
  token?: string;
}

/** A status change or note from downstream, about a case it knows by `externalId` (or our own `caseId`). */
export interface DownstreamUpdate {
  /** Unique per connector: the same update seen twice is applied once. */
  updateId: string;
  externalId?: string;
  caseId?: number;
  /** The downstream's own status word; the connector's status_map turns it into ours. */
  status?: string;
  note?: string;
}

/** A case the status pull asks about. */
export interface LinkedCase {
  caseId: number;
  externalId: string;
  /** The downstream status last seen, to tell a change from a repeat. */
  lastStatus: string | null;
}

/** The result of one pull: the updates, and where to start next time (stored by the core). */
export interface PullResult {
  updates: DownstreamUpdate[];
  cursor?: string;
}

/** An inbound status request, as the HTTP layer received it: the exact bytes (signatures cover them) and headers. */
export interface InboundRequest {
  body: Buffer;
  header(name: string): string | undefined;
}

export interface Connector {
  readonly id: string;
  readonly type: ConnectorConfig['type'];
  /** Whether an interrupted send may be sent again (the downstream recognises the repeat by the event id). */
  readonly resendSafe: boolean;
  deliver(delivery: ConnectorDelivery): Promise<DeliveryAccepted>;
  /** Optional: the downstream id for a token it answered with; undefined while it does not know yet. */
  resolveToken?(token: string): Promise<string | undefined>;
  /** Optional: status changes since `cursor` for these cases. */
  pull?(cases: LinkedCase[], cursor: string | undefined): Promise<PullResult>;
  /** Optional: how often to pull (ms); 0 or absent: never. */
  readonly pollMs?: number;
  /**
   * Optional: checks and parses a status change posted to POST /connectors/{id}/status. Throws
   * InboundRefusedError when the request is not provably from the downstream (fail closed), InputError when it is
   * signed but malformed.
   */
  verifyInbound?(request: InboundRequest): DownstreamUpdate;
}

/** Options every connector type gets from the core besides its own configuration. */
export interface ConnectorDeps {
  /** The case page base, for links in emails and events. */
  publicBaseUrl: string;
}

/** A connector type: its `type` in the file, and the factory the registry lists. */
export interface ConnectorModule<C extends ConnectorConfig = ConnectorConfig> {
  type: C['type'];
  create(config: C, deps: ConnectorDeps): Connector;
}

/** An inbound status request whose signature or timestamp does not check out: answered 401, nothing changes. */
export class InboundRefusedError extends Error {
  override name = 'InboundRefusedError';
}
