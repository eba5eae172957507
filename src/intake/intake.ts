import type { Catalog } from '../catalog/catalog';
import type { Config } from '../config';
import type { Classifier, Suggestion } from '../domain/classifier';
import type { CaseEvent, CaseRecord, ChannelName, InboundReport } from '../domain/types';
import { InputError } from '../errors';
import type { Metrics } from '../metrics';
import type { Signals } from '../signals';
import { caseFromJson, eventFromJson } from '../storage/json-rows';
import type { Database, Sql } from '../storage/database';
import { claimInbound, getInboundResult, recordInboundResult } from '../storage/inbound-repo';
import { inTransaction, type UnitOfWork } from '../storage/unit-of-work';
import type { FeedTarget } from '../cases/fan-out';
import { validateReport } from './validate-report';

export interface SubmitOptions {
  /** The channel already gave the reporter the tracking number in its own reply (TwiML), so no separate message. */
  acknowledgedInline?: boolean;
  /** Subscribe the reporter to updates. Default: true when the report has a reporter address. */
  subscribe?: boolean;
  /** Provider id to reply under (the reporter's tweet). */
  threadId?: string;
  /** Skip linking to a nearby open case (e.g. the resident said it is a different problem). */
  noDuplicateCheck?: boolean;
}

/** What became of a report: a new case, or a link to an open case of the same kind nearby. */
export interface IntakeOutcome {
  kind: 'created' | 'linked';
  case: CaseRecord;
  suggestions: Suggestion[];
  /** True when this was a redelivery of a message already handled: nothing new was written. */
  replayed: boolean;
}

/** What the SQL functions intake_create / intake_submit (migrations/008) answer. */
interface SqlOutcome {
  kind: IntakeOutcome['kind'];
  case: Record<string, unknown> | null;
  event?: Record<string, unknown>;
  notified?: number;
  suggestions?: Suggestion[];
  replayed?: boolean;
}

export interface IntakeDeps {
  db: Database;
  catalog: Catalog;
  classifier: Classifier;
  signals: Signals;
  metrics: Metrics;
  config: Pick<Config, 'duplicates'>;
  feedTargets: FeedTarget[];
  /**
   * Channels running without vendor credentials: their webhooks only accept the simulation secret, so every
   * case they open comes from /try or `simulate` and is marked `details.simulated` (the /try staff panel acts on no other).
   */
  simulatedChannels?: readonly ChannelName[];
}

/**
 * The one use case every channel calls. Idempotent on (channel, provider message id): the same webhook
 * delivered ten times, even at once, yields one case and the same answer. The case, its history event,
 * the reporter's subscription and the outbox rows are written by one SQL function call, so they commit
 * together in one round trip (see migrations/008_intake_functions.sql).
 */
export class Intake {
  constructor(private readonly deps: IntakeDeps) {}

  async submit(report: InboundReport, options: SubmitOptions = {}): Promise<IntakeOutcome> {
    if (!report.providerMessageId) throw new InputError(`${report.channel}: missing provider message id`, 'providerMessageId');
    const input = this.prepare(report, options);
    const { rows } = await this.deps.db.query<{ outcome: SqlOutcome }>('SELECT intake_submit($1, $2, $3, $4) AS outcome', [
      report.channel,
      report.providerMessageId,
      JSON.stringify(report.raw ?? null),
      JSON.stringify(input),
    ]);
    const outcome = rows[0].outcome;
    if (!outcome.case) {
      throw new InputError(`${report.channel}: message ${report.providerMessageId} was already handled without creating a case`, 'providerMessageId');
    }
    if (outcome.replayed) {
      this.deps.metrics.inboundMessages.inc({ channel: report.channel, outcome: 'duplicate' });
    } else {
      this.deps.metrics.inboundMessages.inc({ channel: report.channel, outcome: 'processed' });
      this.committed(report.channel, outcome);
    }
    return this.toOutcome(outcome, outcome.replayed ? (outcome.suggestions ?? []) : input.suggestions, Boolean(outcome.replayed));
  }

  /** Creates or links the case inside a transaction the channel already holds (its `once` step). */
  async submitInTransaction(uow: UnitOfWork, report: InboundReport, options: SubmitOptions = {}): Promise<IntakeOutcome> {
    const input = this.prepare(report, options);
    const outcome = await this.create(uow.tx, input);
    uow.afterCommit(() => this.committed(report.channel, outcome));
    return this.toOutcome(outcome, input.suggestions, false);
  }

  /**
   * Runs a channel's handling of one inbound message exactly once. A redelivery (same channel and provider id)
   * does not run `fn` again and gets the stored result. `fn`'s result must survive JSON.
   */
  async once<R>(
    channel: ChannelName,
    providerMessageId: string,
    raw: unknown,
    fn: (uow: UnitOfWork) => Promise<{ result: R; caseId?: number | null }>,
  ): Promise<{ result: R; replayed: boolean }> {
    if (!providerMessageId) throw new InputError(`${channel}: missing provider message id`, 'providerMessageId');
    const fresh = await inTransaction(this.deps.db, async (uow) => {
      if (!(await claimInbound(uow.tx, channel, providerMessageId, raw))) return undefined;
      const { result, caseId } = await fn(uow);
      await recordInboundResult(uow.tx, channel, providerMessageId, result, caseId ?? null);
      return { result };
    });
    if (fresh) {
      this.deps.metrics.inboundMessages.inc({ channel, outcome: 'processed' });
      return { result: fresh.result, replayed: false };
    }
    this.deps.metrics.inboundMessages.inc({ channel, outcome: 'duplicate' });
    const stored = await getInboundResult<R>(this.deps.db, channel, providerMessageId);
    return { result: stored as R, replayed: true };
  }

  /** Validates, classifies and shapes a report into the SQL function's input. Pure: no I/O. */
  private prepare(report: InboundReport, options: SubmitOptions) {
    const { catalog, classifier, config } = this.deps;
    validateReport(report, catalog);
    const text = report.text.trim();
    const language = report.language ?? (text ? classifier.detectLanguage(text) : 'en');
    const suggestions = text ? classifier.classify(text, { language }) : [];
    const serviceCode =
      report.serviceCode ?? (suggestions.length && classifier.isConfident(suggestions) ? suggestions[0].service_code : catalog.defaultServiceCode);
    const isPublic = report.public ?? true;
    const subscribe = (options.subscribe ?? true) && Boolean(report.reporter.address);
    return {
      channel: report.channel,
      actor: `resident:${report.channel}`,
      service_code: serviceCode,
      description: text,
      lat: report.location?.lat ?? null,
      lon: report.location?.lon ?? null,
      address: report.address ?? null,
      media: report.media,
      language,
      reporter: report.reporter,
      public: isPublic,
      department: catalog.get(serviceCode)?.department ?? null,
      classification: suggestions.length ? { version: classifier.version, suggestions: suggestions.slice(0, 3) } : null,
      attributes: report.attributes ?? {},
      details: this.deps.simulatedChannels?.includes(report.channel) ? { ...report.details, simulated: true } : (report.details ?? {}),
      subscribe_address: subscribe ? report.reporter.address : null,
      thread_id: options.threadId ?? null,
      notify_reporter: !options.acknowledgedInline,
      feed_channels: this.deps.feedTargets.filter((t) => t.wants({ service_code: serviceCode, public: isPublic }, 'feed_opened')).map((t) => t.channel),
      duplicate_radius_m: options.noDuplicateCheck ? 0 : config.duplicates.radiusMeters,
      duplicate_since: new Date(Date.now() - config.duplicates.windowHours * 3600_000).toISOString(),
      suggestions: suggestions.slice(0, 3),
    };
  }

  private async create(tx: Sql, input: ReturnType<Intake['prepare']>): Promise<SqlOutcome> {
    const { rows } = await tx.query<{ outcome: SqlOutcome }>('SELECT intake_create($1) AS outcome', [JSON.stringify(input)]);
    return rows[0].outcome;
  }

  /** After commit: count the case, wake the outbox relay and the live feeds. */
  private committed(channel: ChannelName, outcome: SqlOutcome): void {
    if (outcome.kind === 'created') this.deps.metrics.casesCreated.inc({ channel });
    if (outcome.notified) this.deps.signals.outboxChanged();
    if (outcome.event) this.deps.signals.caseEvent(eventFromJson(outcome.event) as CaseEvent);
  }

  private toOutcome(outcome: SqlOutcome, suggestions: Suggestion[], replayed: boolean): IntakeOutcome {
    return { kind: outcome.kind, case: caseFromJson(outcome.case as Record<string, unknown>), suggestions, replayed };
  }
}
