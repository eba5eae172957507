import type { InboundDecision, InboundMessage, InboundOutcome, InboundPort, InboundResult, InboundView } from '../channels/port';
import type { Language } from '../domain/classifier';
import { MIN_UNCONFIRMED_CONFIDENCE, type Place, type PlacesPort } from '../domain/place';
import type { CaseEvent, InboundReport } from '../domain/types';
import { InputError } from '../errors';
import type { Metrics } from '../metrics';
import type { Signals } from '../signals';
import type { Database } from '../storage/database';
import { eventFromJson } from '../storage/json-rows';
import { buildIntakeInput, type IntakeInputDeps } from './intake-input';

/** SQLSTATE inbound_apply raises when the conversation changed between loading it and applying the decision. */
const CONVERSATION_CHANGED = 'IN311';
/** Messages from one sender arrive seconds apart; a handful of tries settles any real contention. */
const MAX_TRIES = 8;

interface Loaded {
  stored: StoredResult | null;
  contact: { opted_out: boolean; language: string | null } | null;
  conversation: { state: unknown; version: number | string; updated_at: string } | null;
}

interface StoredResult {
  reply?: unknown;
  outcome?: InboundOutcome;
}

interface Applied extends StoredResult {
  replayed: boolean;
  events?: Record<string, unknown>[];
  notified?: number;
}

export interface InboundDeps extends IntakeInputDeps {
  db: Database;
  /** Looks up a report's place when its channel did not. */
  places: PlacesPort;
  signals: Signals;
  metrics: Metrics;
}

/**
 * The one intake path. Each inbound message costs two statements: `inbound_load` (the stored answer of a
 * redelivery, or the contact and conversation to decide on) and `inbound_apply` (claim the message id, check the
 * conversation did not change, apply the decision, store the answer), each atomic on its own. The channel's
 * decision is pure, so deciding again after a concurrent change is safe.
 */
export class Inbound implements InboundPort {
  constructor(private readonly deps: InboundDeps) {}

  async handle<S, R>(
    message: InboundMessage,
    decide: (view: InboundView<S>) => InboundDecision<R> | Promise<InboundDecision<R>>,
  ): Promise<InboundResult<R>> {
    if (message.providerMessageId !== undefined && !message.providerMessageId) {
      throw new InputError(`${message.channel}: missing provider message id`, 'providerMessageId');
    }
    for (let attempt = 1; ; attempt++) {
      const loaded = await this.load(message);
      if (loaded.stored) return this.replayed<R>(message, loaded.stored);
      const decision = await decide(viewOf<S>(loaded));
      try {
        const applied = await this.apply(message, loaded, decision);
        if (applied.replayed) return this.replayed<R>(message, applied);
        this.committed(message, applied);
        return { reply: applied.reply as R, outcome: applied.outcome ?? { kind: 'none' }, replayed: false };
      } catch (err) {
        if ((err as { code?: string }).code !== CONVERSATION_CHANGED || attempt >= MAX_TRIES) throw err;
      }
    }
  }

  async stored<R>(channel: InboundMessage['channel'], providerMessageId: string): Promise<InboundResult<R> | undefined> {
    const loaded = await this.load({ channel, providerMessageId });
    if (!loaded.stored) return undefined;
    return { reply: loaded.stored.reply as R, outcome: loaded.stored.outcome ?? { kind: 'none' }, replayed: true };
  }

  private async load(message: InboundMessage): Promise<Loaded> {
    const { rows } = await this.deps.db.query<{ loaded: Loaded }>('SELECT inbound_load($1, $2, $3, $4) AS loaded', [
      message.channel,
      message.providerMessageId ?? null,
      message.contactAddress ?? null,
      message.conversationKey ?? null,
    ]);
    return rows[0].loaded;
  }

  private async apply<R>(message: InboundMessage, loaded: Loaded, decision: InboundDecision<R>): Promise<Applied> {
    const { action, ...rest } = decision;
    const wire: Record<string, unknown> = { ...rest, reply: decision.reply ?? null };
    if (action?.kind === 'report') {
      const report = { ...action.report, place: action.report.place ?? (await this.placeOf(action.report)) };
      wire.action = { kind: 'report', input: buildIntakeInput(this.deps, report, action.options) };
    } else if (action) {
      wire.action = action;
    }
    const { rows } = await this.deps.db.query<{ applied: Applied }>('SELECT inbound_apply($1, $2, $3, $4, $5, $6, $7) AS applied', [
      message.channel,
      message.providerMessageId ?? null,
      JSON.stringify(message.raw ?? null),
      message.contactAddress ?? null,
      message.conversationKey ?? null,
      loaded.conversation ? Number(loaded.conversation.version) : null,
      JSON.stringify(wire),
    ]);
    return rows[0].applied;
  }

  /**
   * A report's place when its channel gave none: the address at its GPS point, else what its address names.
   * An address the geocoder cannot place stays as written (staff can read it); the case just has no point.
   */
  private async placeOf(report: InboundReport): Promise<Place | undefined> {
    if (report.location) return this.deps.places.locate(report.location);
    if (!report.address) return undefined;
    const place = await this.deps.places.locate(report.address, { language: report.language });
    return place && place.confidence >= MIN_UNCONFIRMED_CONFIDENCE ? place : undefined;
  }

  private replayed<R>(message: InboundMessage, stored: StoredResult): InboundResult<R> {
    this.deps.metrics.inboundMessages.inc({ channel: message.channel, outcome: 'duplicate' });
    return { reply: stored.reply as R, outcome: stored.outcome ?? { kind: 'none' }, replayed: true };
  }

  /** After commit: count the message and the case, wake the outbox relay and the live feeds. */
  private committed(message: InboundMessage, applied: Applied): void {
    const { metrics, signals } = this.deps;
    metrics.inboundMessages.inc({ channel: message.channel, outcome: 'processed' });
    if (applied.outcome?.kind === 'created') metrics.casesCreated.inc({ channel: message.channel });
    if (applied.notified) signals.outboxChanged();
    for (const e of applied.events ?? []) if (e) signals.caseEvent(eventFromJson(e) as CaseEvent);
  }
}

function viewOf<S>(loaded: Loaded): InboundView<S> {
  return {
    contact: loaded.contact ? { optedOut: loaded.contact.opted_out, language: loaded.contact.language as Language | null } : undefined,
    conversation: loaded.conversation ? { state: loaded.conversation.state as S, updatedAt: new Date(loaded.conversation.updated_at) } : undefined,
  };
}
