import type { AppContext } from '../../src/context';
import type { Language } from '../../src/domain/classifier';
import { getCase } from '../../src/storage/cases-repo';
import { isSubscribed } from '../../src/storage/subscriptions-repo';
import type { UnitOfWork } from '../../src/storage/unit-of-work';
import { messages } from './messages';

/** Staff notes can be long; a status text keeps to about two segments. */
const MAX_NOTES = 100;

function clip(text: string | null): string | null {
  if (!text) return null;
  return text.length > MAX_NOTES ? `${text.slice(0, MAX_NOTES - 1)}…` : text;
}

/**
 * `STATUS 12345`: the case's status and staff note, only for a phone that reported or follows the case.
 * Anyone else gets the same answer as for a number that does not exist, so case numbers cannot be probed.
 */
export async function statusReply(ctx: AppContext, uow: UnitOfWork, phone: string, caseId: number, language: Language): Promise<string> {
  const m = messages(language);
  const c = Number.isSafeInteger(caseId) ? await getCase(uow.tx, caseId) : undefined;
  if (!c || !(await isSubscribed(uow.tx, caseId, 'sms', phone))) return m.statusUnknown(caseId);
  return m.status(c.service_request_id, ctx.catalog.name(c.service_code, language), c.status, clip(c.status_notes));
}

/**
 * `FOLLOW 12345` / `SEGUIR 12345`: this phone hears when the case changes and closes. A case merged into
 * another is followed through the one that stays open. Private cases can only be followed by their own people.
 */
export async function followReply(ctx: AppContext, uow: UnitOfWork, phone: string, caseId: number, language: Language): Promise<string> {
  const m = messages(language);
  const c = Number.isSafeInteger(caseId) ? await getCase(uow.tx, caseId) : undefined;
  if (!c || (!c.public && !(await isSubscribed(uow.tx, caseId, 'sms', phone)))) return m.followUnknown(caseId);
  const target = c.duplicate_of ?? c.service_request_id;
  const followed = await ctx.cases.follow(uow, target, { channel: 'sms', address: phone, language });
  return m.followed(target, ctx.catalog.name(followed.service_code, language));
}
