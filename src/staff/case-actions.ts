import type { CasePatch } from '../cases/case-service';
import { fanOut } from '../cases/fan-out';
import { applyLocation } from '../cases/location-correction';
import type { AppContext } from '../context';
import type { Place } from '../domain/place';
import type { CaseRecord } from '../domain/types';
import { InputError, NotFoundError } from '../errors';
import { insertAudit } from '../storage/audit-repo';
import { getCase, updateCase } from '../storage/cases-repo';
import { insertEvent } from '../storage/events-repo';
import { getStaffUser, type StaffUser } from '../storage/staff-users-repo';
import { listSubscriptions } from '../storage/subscriptions-repo';
import { inTransaction, type UnitOfWork } from '../storage/unit-of-work';

export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];

/** The fields an audit entry shows for a case, before and after a change. */
function auditView(c: CaseRecord): Record<string, unknown> {
  return {
    status: c.status,
    service_code: c.service_code,
    department: c.department,
    assignee_id: c.assignee_id ?? null,
    priority: c.priority ?? 'normal',
    public: c.public,
    public_description: c.public_description ?? null,
    hidden_photos: c.media.flatMap((m, i) => (m.hidden ? [i] : [])),
    duplicate_of: c.duplicate_of,
    status_notes: c.status_notes,
    closure_media_url: c.closure_media_url,
    location: { lat: c.lat, lon: c.lon, address: c.address, neighborhood: c.neighborhood, source: c.location_source },
  };
}

/** Only the keys that changed, so the log reads as a diff. */
function diff(before: Record<string, unknown>, after: Record<string, unknown>): { before: Record<string, unknown>; after: Record<string, unknown> } {
  const keys = Object.keys(after).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
  return { before: Object.fromEntries(keys.map((k) => [k, before[k]])), after: Object.fromEntries(keys.map((k) => [k, after[k]])) };
}

/**
 * What a staff member does to cases from the console. Each action is one transaction holding the change, its
 * case event, any outbox rows and the audit entry, so the log never claims a change that did not commit.
 */
export class StaffCaseActions {
  constructor(
    private readonly ctx: AppContext,
    /** Set inside `batch`: every action joins this one transaction. */
    private readonly shared?: UnitOfWork,
  ) {}

  /** Runs several actions as one transaction (bulk actions): all of them happen, or none does. */
  batch<T>(fn: (actions: StaffCaseActions) => Promise<T>): Promise<T> {
    return inTransaction(this.ctx.db, (uow) => fn(new StaffCaseActions(this.ctx, uow)));
  }

  private actor(user: StaffUser): string {
    return `staff:${user.email}`;
  }

  private async run(user: StaffUser, id: number, action: string, fn: (uow: UnitOfWork, before: CaseRecord) => Promise<unknown>): Promise<CaseRecord> {
    const work = async (uow: UnitOfWork) => {
      const before = await getCase(uow.tx, id, true);
      if (!before) throw new NotFoundError(`case ${id} not found`);
      await fn(uow, before);
      const after = (await getCase(uow.tx, id))!;
      const d = diff(auditView(before), auditView(after));
      await insertAudit(uow.tx, { actor: user.email, userId: user.id, action, target: `case:${id}`, before: d.before, after: d.after });
      return after;
    };
    return this.shared ? work(this.shared) : inTransaction(this.ctx.db, work);
  }

  /** Status, category, closure, merge and privacy: the case service's rules (closure alerts, merges) apply unchanged. */
  patch(user: StaffUser, id: number, patch: CasePatch, action: string): Promise<CaseRecord> {
    return this.run(user, id, action, (uow) => this.ctx.cases.updateInTransaction(uow, id, patch, this.actor(user)));
  }

  /** Assigns to a person (null: nobody) and/or a department; an agent may take a case for themselves or release it. */
  assign(user: StaffUser, id: number, to: { assigneeId?: number | null; department?: string | null }): Promise<CaseRecord> {
    return this.run(user, id, 'case.assign', async (uow, before) => {
      if (to.assigneeId) {
        const person = await getStaffUser(uow.tx, to.assigneeId);
        if (!person || person.disabled_at) throw new InputError(`assignee: no enabled staff account ${to.assigneeId}`, 'assignee');
      }
      if (to.department && !this.ctx.catalog.services.some((s) => s.department === to.department)) {
        throw new InputError(`department: "${to.department}" is not a department of the catalog`, 'department');
      }
      const update = {
        ...(to.assigneeId !== undefined ? { assignee_id: to.assigneeId } : {}),
        ...(to.department !== undefined && to.department !== null ? { department: to.department } : {}),
      };
      if (Object.keys(update).length === 0) return;
      await updateCase(uow.tx, id, update);
      const e = await insertEvent(uow.tx, id, 'assigned', this.actor(user), { from: before.assignee_id ?? null, ...update }, false);
      uow.afterCommit(() => this.ctx.signals.caseEvent(e));
    });
  }

  setPriority(user: StaffUser, id: number, priority: Priority): Promise<CaseRecord> {
    return this.run(user, id, 'case.priority', async (uow, before) => {
      if (before.priority === priority) return;
      await updateCase(uow.tx, id, { priority });
      const e = await insertEvent(uow.tx, id, 'assigned', this.actor(user), { priority }, false);
      uow.afterCommit(() => this.ctx.signals.caseEvent(e));
    });
  }

  /** An internal note (never public); the full-text search reads these too. */
  note(user: StaffUser, id: number, text: string): Promise<CaseRecord> {
    return this.run(user, id, 'case.note', async (uow) => {
      const e = await insertEvent(uow.tx, id, 'note', this.actor(user), { text }, false);
      await updateCase(uow.tx, id, {});
      uow.afterCommit(() => this.ctx.signals.caseEvent(e));
    });
  }

  /**
   * Writes to the reporter on the channel they used, through the outbox (the publisher sends it and records
   * delivery). Refused when the case has no active reporter to write to (an anonymous app report).
   */
  reply(user: StaffUser, id: number, text: string): Promise<CaseRecord> {
    return this.run(user, id, 'case.reply', async (uow, c) => {
      const reporters = (await listSubscriptions(uow.tx, id)).filter((s) => s.role === 'reporter');
      if (reporters.length === 0) throw new InputError('reply: the reporter left no way to reply on this case', 'text');
      const e = await insertEvent(uow.tx, id, 'replied', this.actor(user), { text, channels: reporters.map((s) => s.channel) }, false);
      await fanOut(uow, this.ctx.signals, c, e, 'staff_reply', reporters, { extra: { text } });
      uow.afterCommit(() => this.ctx.signals.caseEvent(e));
    });
  }

  /** Hides (or shows again) one of the resident's photos on every public output; staff keep seeing it. */
  setPhotoHidden(user: StaffUser, id: number, index: number, hidden: boolean): Promise<CaseRecord> {
    return this.run(user, id, hidden ? 'case.hide_photo' : 'case.show_photo', async (uow, before) => {
      if (!Number.isInteger(index) || index < 0 || index >= before.media.length)
        throw new InputError(`photo: case ${id} has no photo ${index + 1}`, 'photo');
      if (Boolean(before.media[index].hidden) === hidden) return;
      const media = before.media.map((m, i) => (i === index ? { ...m, hidden } : m));
      await updateCase(uow.tx, id, { media });
      // The public pages, feeds and Open311 show our processed copies (media_items): hide that copy in the same transaction.
      await uow.tx.query(`UPDATE media_items SET hidden = $3, updated_at = now() WHERE case_id = $1 AND kind = 'report' AND position = $2`, [
        id,
        index,
        hidden,
      ]);
      const e = await insertEvent(uow.tx, id, 'updated', this.actor(user), { photo: index, hidden }, false);
      uow.afterCommit(() => this.ctx.signals.caseEvent(e));
    });
  }

  /** What the public pages, feeds and Open311 show as the description: `null` restores the resident's words, '' hides them. */
  redact(user: StaffUser, id: number, publicText: string | null): Promise<CaseRecord> {
    return this.run(user, id, 'case.redact', async (uow, before) => {
      if ((before.public_description ?? null) === publicText) return;
      await updateCase(uow.tx, id, { public_description: publicText });
      const e = await insertEvent(uow.tx, id, 'updated', this.actor(user), { redacted: publicText !== null }, false);
      uow.afterCommit(() => this.ctx.signals.caseEvent(e));
    });
  }

  /**
   * Moves the case to a place staff chose (checked beforehand by `correctedPlace`): the same change and private
   * history event as the staff location API, with the audit entry in the same transaction.
   */
  relocate(user: StaffUser, id: number, place: Place): Promise<CaseRecord> {
    return this.run(user, id, 'case.relocate', async (uow) => {
      const moved = await applyLocation(uow.tx, id, place, this.actor(user));
      if (moved) uow.afterCommit(() => this.ctx.signals.caseEvent(moved.event));
    });
  }
}
