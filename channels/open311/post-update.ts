import type { ChannelContext } from '../../src/channels/channel';
import type { ApiClient } from '../../src/channels/port';
import { cleanDeep } from '../../src/domain/clean-text';
import { MAX_DESCRIPTION } from '../../src/domain/types';
import { mediaUrls, text } from './create-request';
import { postKeys } from './idempotency';
import { Open311Error } from './respond';

/** FixMyStreet sends OPEN while the resident says the problem is still there, CLOSED (or FIXED...) once it is gone. */
const REOPENING = new Set(['open', 'reopen', 'reopened', 'not_fixed']);
const KNOWN = new Set([...REOPENING, 'closed', 'fixed', 'in_progress', 'investigating', 'action_scheduled', 'duplicate', 'no_further_action']);

/** The answer to POST servicerequestupdates: FixMyStreet keeps `update_id` as the update's id on our side. */
export interface PostedUpdate {
  update_id: string;
}

/**
 * FixMyStreet's `POST servicerequestupdates`: a resident's words on an existing public case. It becomes a comment
 * (private: residents' words may hold personal details), and an `OPEN` status on a closed case reopens it. Exactly
 * once per `update_id_ext` (or Idempotency-Key, or the same body within the retry window).
 */
export async function postServiceRequestUpdate(
  ctx: ChannelContext,
  client: ApiClient,
  body: Record<string, unknown>,
  idempotencyKey: string | undefined,
): Promise<{ result: PostedUpdate; replayed: boolean }> {
  const rawId = text(body, 'service_request_id', 20);
  if (!rawId) throw new Open311Error(400, 'service_request_id is required: the request this update is about');
  if (!/^\d{1,15}$/.test(rawId)) throw new Open311Error(400, `service_request_id "${rawId}" is not a request id (a decimal number)`);
  const status = text(body, 'status', 40)?.toLowerCase();
  if (status !== undefined && !KNOWN.has(status)) throw new Open311Error(400, `status "${status}" is not one of ${[...KNOWN].join(', ')}`);
  const description = text(body, 'description', MAX_DESCRIPTION) ?? '';
  const media = mediaUrls(body).map((url) => ({ url }));
  if (!description && media.length === 0 && status === undefined)
    throw new Open311Error(400, 'an update needs a description, a media_url or a status');
  const caseId = Number(rawId);
  const summary = await ctx.port.cases.get(caseId);
  // A private case answers like a missing one, as GET requests/{id} does.
  if (!summary?.public) throw new Open311Error(404, `service_request_id "${rawId}" was not found`);

  const external = text(body, 'update_id_ext', 200);
  const { api_key: _secret, ...rest } = body;
  const keys = postKeys(client.id, { ...rest, kind: 'update' }, external ? `update:${external}` : idempotencyKey?.trim() || undefined);
  const key = keys.previous && (await ctx.port.inbound.stored('open311', keys.previous)) ? keys.previous : keys.current;
  const raw = cleanDeep(rest);
  const reopen = status !== undefined && REOPENING.has(status);
  const { reply, outcome, replayed } = await ctx.port.inbound.handle<never, PostedUpdate>(
    { channel: 'open311', providerMessageId: key, raw },
    () => ({
      reply: { update_id: key },
      action: { kind: 'comment', caseId, text: description, media, reopen },
    }),
  );
  if (outcome.kind === 'unknown_case') throw new Open311Error(404, `service_request_id "${rawId}" was not found`);
  return { result: reply, replayed };
}
