import type { ChannelContext } from '../../src/channels/channel';
import type { ApiClient, InboundOutcome } from '../../src/channels/port';
import type { Language } from '../../src/domain/classifier';
import { cleanDeep } from '../../src/domain/clean-text';
import type { Locales } from '../../src/domain/locale';
import { parseNewRequest, toInboundReport } from './create-request';
import { postKeys } from './idempotency';
import { locateRequest } from './locate-request';
import { serviceNotice } from './notice';
import { storeUpload } from './uploads';

/**
 * The spec's POST answer for one request: the service_request_id (a realtime service) or, in OPEN311_SERVICE_TYPE=batch,
 * the token that `tokens/{token}` exchanges for it. One or the other, as the spec says, never both.
 */
export type PostResult =
  | { service_request_id: string; service_notice: string; account_id: string | null }
  | { token: string; service_notice: string; account_id: string | null };

/** What is stored with the request: everything of the answer that does not depend on the case id. */
interface PostAnswer {
  account_id: string | null;
  token: string;
  language: Language;
  hasPhone: boolean;
}

/** The spec's answer, in the spec's key order (XML answers need it; jsonb keeps no order). */
function postResult(locales: Locales, answer: PostAnswer, outcome: InboundOutcome, type: 'realtime' | 'batch'): PostResult {
  if (outcome.kind !== 'created' && outcome.kind !== 'linked') throw new Error(`open311: request ${answer.token} was stored without a case`);
  const id = outcome.case.service_request_id;
  const notice = serviceNotice(locales, outcome.kind, id, answer.language, answer.hasPhone);
  if (type === 'batch') return { token: answer.token, service_notice: notice, account_id: answer.account_id };
  return { service_request_id: String(id), service_notice: notice, account_id: answer.account_id };
}

/**
 * Files an Open311 POST as a case through intake, exactly once per idempotency key. When the body has a
 * phone number, that phone follows the case by SMS (the reporter of a new case, a follower of the case it
 * duplicates), so the closure alert reaches them; the app's own answer carries the tracking number, so no
 * separate acknowledgement is texted.
 */
export async function submitServiceRequest(
  ctx: ChannelContext,
  client: ApiClient,
  body: Record<string, unknown>,
  idempotencyKey: string | undefined,
  requestLanguage: Language,
  file?: { buffer: Buffer },
): Promise<{ result: PostResult; replayed: boolean }> {
  const request = parseNewRequest(body, ctx.catalog);
  const upload = file ? await storeUpload(ctx.config.dataDir, file) : undefined;
  // The photo is part of what makes a retry the same report.
  const keyed = upload ? { ...body, media: upload.sha256 } : body;
  const keys = postKeys(client.id, keyed, idempotencyKey?.trim() || undefined);
  // A retry that crosses into the next hourly window still finds the request it repeats.
  const key = keys.previous && (await ctx.port.inbound.stored('open311', keys.previous)) ? keys.previous : keys.current;
  const { api_key: _secret, ...rest } = body;
  // The raw body is stored as jsonb, which refuses NUL and broken surrogates.
  const raw = cleanDeep(upload ? { ...rest, media: upload } : rest);
  const report = toInboundReport(request, key, client.name, raw, upload);
  const language = request.description ? ctx.port.categories.detectLanguage(request.description) : requestLanguage;
  report.language = language;
  report.place = await locateRequest(ctx, request, language);
  const subscriber = request.phone ? { channel: 'sms' as const, address: request.phone, language } : null;
  const { reply, outcome, replayed } = await ctx.port.inbound.handle<never, PostAnswer>({ channel: 'open311', providerMessageId: key, raw }, () => ({
    reply: { account_id: request.contact.account_id ?? null, token: key, language, hasPhone: Boolean(request.phone) },
    action: { kind: 'report', report, options: { acknowledgedInline: true, subscriber } },
  }));
  return { result: postResult(ctx.locales, reply, outcome, ctx.config.open311.serviceType), replayed };
}

/** The tracking number a request token stands for, once the request is filed. */
export async function caseOfToken(ctx: ChannelContext, token: string): Promise<number | undefined> {
  const stored = await ctx.port.inbound.stored('open311', token);
  return stored && (stored.outcome.kind === 'created' || stored.outcome.kind === 'linked') ? stored.outcome.case.service_request_id : undefined;
}
