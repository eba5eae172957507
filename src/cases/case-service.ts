import { englishGloss } from '../../classifiers/gloss';
import type { Catalog } from '../catalog/catalog';
import type { CaseAmendment } from '../channels/port';
import type { Suggestion } from '../domain/classifier';
import { maskPersonalData } from '../domain/mask';
import { type CaseEvent, type CaseRecord, type CaseStatus, MAX_DESCRIPTION } from '../domain/types';
import { InputError, NotFoundError } from '../errors';
import type { Signals } from '../signals';
import { type CaseUpdate, getCase, updateCase } from '../storage/cases-repo';
import type { Database } from '../storage/database';
import { insertEvent } from '../storage/events-repo';
import { listSubscriptions, upsertSubscription } from '../storage/subscriptions-repo';
import { inTransaction, type UnitOfWork } from '../storage/unit-of-work';
import { type FeedTarget, fanOut } from './fan-out';

/** The changes staff may make to a case (PATCH /api/v1/cases/{id}). Absent keys are left alone. */
export interface CasePatch {
  status?: CaseStatus;
  service_code?: string;
  status_notes?: string | null;
  closure_media_url?: string | null;
  duplicate_of?: number | null;
  /** False keeps the case off the public pages, feeds and Open311 (the reporter asked, or staff judged it personal). */
  public?: boolean;
}

export interface CaseServiceDeps {
  db: Database;
  catalog: Catalog;
  signals: Signals;
  feedTargets: FeedTarget[];
  classifierVersion: string;
  /** The core's "confident enough" rule (src/intake/category-advisor.ts). */
  confident(suggestions: Suggestion[]): string | undefined;
}

/** Changes to existing cases. Each change is an event; each event a subscriber should hear of is an outbox row, in one transaction. */
export class CaseService {
  constructor(private readonly deps: CaseServiceDeps) {}

  async update(id: number, patch: CasePatch, actor: string): Promise<CaseRecord> {
    return inTransaction(this.deps.db, (uow) => this.updateInTransaction(uow, id, patch, actor));
  }

  async updateInTransaction(uow: UnitOfWork, id: number, patch: CasePatch, actor: string): Promise<CaseRecord> {
    const { catalog, signals, feedTargets } = this.deps;
    if (patch.duplicate_of !== undefined && patch.status !== undefined) {
      // Merging closes the case and unmerging leaves its status alone: a status beside it would be silently lost.
      throw new InputError('duplicate_of and status cannot change in one request: merging closes the case; send status on its own', 'status');
    }
    const before = await getCase(uow.tx, id, true);
    if (!before) throw new NotFoundError(`case ${id} not found`);
    const events: CaseEvent[] = [];
    const record = async (c: CaseRecord, type: CaseEvent['type'], data: Record<string, unknown>, isPublic = true) => {
      const e = await insertEvent(uow.tx, c.service_request_id, type, actor, data, isPublic);
      events.push(e);
      return e;
    };
    let current = before;

    if (patch.service_code !== undefined && patch.service_code !== current.service_code) {
      if (!catalog.has(patch.service_code)) throw new InputError(`service_code "${patch.service_code}" is not in the catalog`, 'service_code');
      const from = current.service_code;
      current = await updateCase(uow.tx, id, { service_code: patch.service_code, department: catalog.get(patch.service_code)?.department ?? null });
      await record(current, 'recategorized', { from, to: patch.service_code });
    }
    if (patch.status_notes !== undefined && patch.status_notes !== current.status_notes) {
      current = await updateCase(uow.tx, id, { status_notes: patch.status_notes });
      await record(current, 'status_notes', { status_notes: patch.status_notes });
    }
    if (patch.closure_media_url !== undefined && patch.closure_media_url !== current.closure_media_url) {
      current = await updateCase(uow.tx, id, { closure_media_url: patch.closure_media_url });
      await record(current, 'closure_media', { closure_media_url: patch.closure_media_url });
    }

    if (patch.public !== undefined && patch.public !== current.public) {
      current = await updateCase(uow.tx, id, { public: patch.public });
      // Not a public event: its existence would tell the public a hidden case is there.
      await record(current, 'updated', { public: patch.public }, false);
    }

    if (patch.duplicate_of !== undefined && patch.duplicate_of !== current.duplicate_of) {
      current = await this.mergeInto(uow, current, patch.duplicate_of, record);
    } else if (patch.status !== undefined && patch.status !== current.status) {
      const from = current.status;
      const update: CaseUpdate = { status: patch.status, closed_at: patch.status === 'closed' ? new Date() : null };
      current = await updateCase(uow.tx, id, update);
      const subs = await listSubscriptions(uow.tx, id);
      if (patch.status === 'closed') {
        const e = await record(current, 'closed', { from, status_notes: current.status_notes });
        await fanOut(uow, signals, current, e, 'case_closed', subs, { feedKind: 'feed_closed', feedTargets });
      } else {
        const e = await record(current, from === 'closed' ? 'reopened' : 'status_changed', { from, to: patch.status });
        await fanOut(uow, signals, current, e, 'status_changed', subs);
      }
    }
    uow.afterCommit(() => {
      for (const e of events) signals.caseEvent(e);
    });
    return current;
  }

  /** Marks `c` a duplicate of `targetId` (or clears it): closed, its subscribers follow the target and are told. */
  private async mergeInto(
    uow: UnitOfWork,
    c: CaseRecord,
    targetId: number | null,
    record: (c: CaseRecord, type: CaseEvent['type'], data: Record<string, unknown>, isPublic?: boolean) => Promise<CaseEvent>,
  ): Promise<CaseRecord> {
    const id = c.service_request_id;
    if (targetId === null) {
      const updated = await updateCase(uow.tx, id, { duplicate_of: null });
      await record(updated, 'updated', { duplicate_of: null });
      return updated;
    }
    if (targetId === id) throw new InputError('duplicate_of cannot be the case itself', 'duplicate_of');
    const target = await getCase(uow.tx, targetId, true);
    if (!target) throw new InputError(`duplicate_of: case ${targetId} not found`, 'duplicate_of');
    if (target.duplicate_of !== null) {
      throw new InputError(`duplicate_of: case ${targetId} is itself a duplicate of ${target.duplicate_of}; merge into that one`, 'duplicate_of');
    }
    const notes = c.status_notes ?? `Duplicate of #${targetId}`;
    const merged = await updateCase(uow.tx, id, { duplicate_of: targetId, status: 'closed', status_notes: notes, closed_at: new Date() });
    const e = await record(merged, 'merged', { into: targetId });
    await record(target, 'duplicate_linked', { from: id });
    const subs = await listSubscriptions(uow.tx, id);
    for (const s of subs) {
      await upsertSubscription(uow.tx, {
        case_id: targetId,
        channel: s.channel,
        address: s.address,
        language: s.language,
        role: 'follower',
        thread_id: s.thread_id,
      });
    }
    // They hear of it on the case they reported (its number is the one they know), pointing at the target.
    await fanOut(uow, this.deps.signals, merged, e, 'duplicate_linked', subs, { extra: { duplicate_of: targetId } });
    return merged;
  }

  /**
   * A system change to a case a channel filed (a transcript that arrived after the call was filed): the words,
   * details and fresh suggestions; with `recategorise`, a case still in the catch-all category moves to a confident
   * suggestion of this catalog. New words get a new English gloss (`details.gloss_en`, as intake makes it).
   */
  async amend(id: number, amendment: CaseAmendment, actor: string): Promise<void> {
    await inTransaction(this.deps.db, async (uow) => {
      const c = await getCase(uow.tx, id, true);
      if (!c) throw new NotFoundError(`case ${id} not found`);
      const suggestions = amendment.suggestions ?? [];
      const description = amendment.description !== undefined ? amendment.description.slice(0, MAX_DESCRIPTION) || c.description : undefined;
      const details = amendment.details || description !== undefined ? { ...c.details, ...amendment.details } : undefined;
      if (details && description !== undefined) {
        const gloss = englishGloss(maskPersonalData(description), c.language);
        if (gloss === undefined) delete details.gloss_en;
        else details.gloss_en = gloss;
      }
      await updateCase(uow.tx, id, {
        ...(description !== undefined ? { description } : {}),
        ...(details ? { details } : {}),
        ...(suggestions.length ? { classification: { version: this.deps.classifierVersion, suggestions: suggestions.slice(0, 3) } } : {}),
      });
      const e = await insertEvent(uow.tx, id, 'updated', actor, { amended: Object.keys(amendment) }, false);
      uow.afterCommit(() => this.deps.signals.caseEvent(e));
      const best = amendment.recategorise ? this.deps.confident(suggestions) : undefined;
      if (best && c.service_code === this.deps.catalog.defaultServiceCode) await this.updateInTransaction(uow, id, { service_code: best }, actor);
    });
  }

  /** A staff note: internal unless `isPublic`. */
  async addNote(id: number, text: string, isPublic: boolean, actor: string): Promise<CaseEvent> {
    return inTransaction(this.deps.db, async (uow) => {
      const c = await getCase(uow.tx, id, true);
      if (!c) throw new NotFoundError(`case ${id} not found`);
      const e = await insertEvent(uow.tx, id, 'note', actor, { text }, isPublic);
      await updateCase(uow.tx, id, {});
      uow.afterCommit(() => this.deps.signals.caseEvent(e));
      return e;
    });
  }
}
