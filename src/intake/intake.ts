import type { Catalog } from '../catalog/catalog';
import type { Config } from '../config';
import type { Classifier, Suggestion } from '../domain/classifier';
import type { CaseRecord, ChannelName, InboundReport } from '../domain/types';
import { InputError } from '../errors';
import type { Metrics } from '../metrics';
import type { Signals } from '../signals';
import { findNearbyOpenCase, getCase, insertCase } from '../storage/cases-repo';
import type { Database } from '../storage/database';
import { insertEvent } from '../storage/events-repo';
import { claimInbound, getInboundResult, recordInboundResult } from '../storage/inbound-repo';
import { upsertSubscription } from '../storage/subscriptions-repo';
import { inTransaction, type UnitOfWork } from '../storage/unit-of-work';
import { fanOut, type FeedTarget } from '../cases/fan-out';
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

interface StoredOutcome {
  kind: IntakeOutcome['kind'];
  case_id: number;
  suggestions: Suggestion[];
}

export interface IntakeDeps {
  db: Database;
  catalog: Catalog;
  classifier: Classifier;
  signals: Signals;
  metrics: Metrics;
  config: Pick<Config, 'duplicates'>;
  feedTargets: FeedTarget[];
}

/**
 * The one use case every channel calls. Idempotent on (channel, provider message id): the same webhook
 * delivered ten times, even at once, yields one case and the same answer. The case, its history event and
 * its notifications commit in one transaction.
 */
export class Intake {
  constructor(private readonly deps: IntakeDeps) {}

  async submit(report: InboundReport, options: SubmitOptions = {}): Promise<IntakeOutcome> {
    validateReport(report, this.deps.catalog);
    const { result, replayed } = await this.once<StoredOutcome>(report.channel, report.providerMessageId, report.raw, async (uow) => {
      const outcome = await this.submitInTransaction(uow, report, options);
      return { result: { kind: outcome.kind, case_id: outcome.case.service_request_id, suggestions: outcome.suggestions }, caseId: outcome.case.service_request_id };
    });
    const c = await getCase(this.deps.db, result.case_id);
    if (!c) throw new Error(`intake: case ${result.case_id} recorded for ${report.channel} message vanished`);
    return { kind: result.kind, case: c, suggestions: result.suggestions, replayed };
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

  /** Creates or links the case inside a transaction the channel already holds (its `once` step). */
  async submitInTransaction(uow: UnitOfWork, report: InboundReport, options: SubmitOptions = {}): Promise<IntakeOutcome> {
    validateReport(report, this.deps.catalog);
    const { catalog, classifier, signals } = this.deps;
    const text = report.text.trim();
    const language = report.language ?? (text ? classifier.detectLanguage(text) : 'en');
    const suggestions = text ? classifier.classify(text, { language }) : [];
    const serviceCode =
      report.serviceCode ?? (suggestions.length && classifier.isConfident(suggestions) ? suggestions[0].service_code : catalog.defaultServiceCode);
    const subscribe = options.subscribe ?? Boolean(report.reporter.address);
    const actor = `resident:${report.channel}`;

    const nearby =
      report.location && !options.noDuplicateCheck && this.deps.config.duplicates.radiusMeters > 0
        ? await findNearbyOpenCase(
            uow.tx,
            serviceCode,
            report.location,
            this.deps.config.duplicates.radiusMeters,
            new Date(Date.now() - this.deps.config.duplicates.windowHours * 3600_000),
          )
        : undefined;

    if (nearby) {
      const event = await insertEvent(uow.tx, nearby.service_request_id, 'duplicate_linked', actor, { channel: report.channel, description: text, media: report.media }, false);
      if (subscribe && report.reporter.address) {
        const sub = await upsertSubscription(uow.tx, {
          case_id: nearby.service_request_id,
          channel: report.channel,
          address: report.reporter.address,
          language,
          role: 'follower',
          thread_id: options.threadId,
        });
        if (!options.acknowledgedInline) await fanOut(uow, signals, nearby, event, 'duplicate_linked', [sub]);
      }
      uow.afterCommit(() => signals.caseEvent(event));
      return { kind: 'linked', case: nearby, suggestions, replayed: false };
    }

    const created = await insertCase(uow.tx, {
      service_code: serviceCode,
      description: text,
      location: report.location,
      address: report.address,
      media: report.media,
      channel: report.channel,
      language,
      reporter: report.reporter,
      public: report.public ?? true,
      department: catalog.get(serviceCode)?.department ?? null,
      classification: suggestions.length ? { version: classifier.version, suggestions: suggestions.slice(0, 3) } : null,
      attributes: report.attributes ?? {},
      details: report.details ?? {},
    });
    const event = await insertEvent(uow.tx, created.service_request_id, 'opened', actor, { channel: report.channel, service_code: serviceCode }, true);
    const subs = [];
    if (subscribe && report.reporter.address) {
      subs.push(
        await upsertSubscription(uow.tx, {
          case_id: created.service_request_id,
          channel: report.channel,
          address: report.reporter.address,
          language,
          role: 'reporter',
          thread_id: options.threadId,
        }),
      );
    }
    await fanOut(uow, signals, created, event, 'case_opened', options.acknowledgedInline ? [] : subs, {
      feedKind: 'feed_opened',
      feedTargets: this.deps.feedTargets,
    });
    uow.afterCommit(() => {
      this.deps.metrics.casesCreated.inc({ channel: report.channel });
      signals.caseEvent(event);
    });
    return { kind: 'created', case: created, suggestions, replayed: false };
  }
}
