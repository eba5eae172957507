import type { AppContext } from '../../src/context';
import type { Language } from '../../src/domain/classifier';
import { cleanDeep } from '../../src/domain/clean-text';
import { getInboundResult } from '../../src/storage/inbound-repo';
import { upsertSubscription } from '../../src/storage/subscriptions-repo';
import type { ApiToken } from '../../src/storage/tokens-repo';
import { parseNewRequest, toInboundReport } from './create-request';
import { postKeys } from './idempotency';
import { serviceNotice } from './notice';

/** The spec's POST answer for one request, plus the token `tokens/{token}` resolves. Stored for replays. */
export interface PostResult {
  service_request_id: number;
  service_notice: string;
  account_id: string | null;
  token: string;
}

/**
 * Files an Open311 POST as a case through intake, exactly once per idempotency key. When the body has a
 * phone number, that phone follows the case by SMS (the reporter of a new case, a follower of the case it
 * duplicates), so the closure alert reaches them; the app's own answer carries the tracking number, so no
 * separate acknowledgement is texted.
 */
export async function submitServiceRequest(
  ctx: AppContext,
  client: ApiToken,
  body: Record<string, unknown>,
  idempotencyKey: string | undefined,
  requestLanguage: Language,
): Promise<{ result: PostResult; replayed: boolean }> {
  const request = parseNewRequest(body, ctx.catalog);
  const keys = postKeys(client.id, body, idempotencyKey?.trim() || undefined);
  // A retry that crosses into the next hourly window still finds the request it repeats.
  const key = keys.previous && (await getInboundResult(ctx.db, 'open311', keys.previous)) ? keys.previous : keys.current;
  const { api_key: _secret, ...rest } = body;
  // The raw body is stored as jsonb, which refuses NUL and broken surrogates.
  const raw = cleanDeep(rest);
  const report = toInboundReport(request, key, client.name, raw);
  report.language = request.description ? ctx.classifier.detectLanguage(request.description) : requestLanguage;

  const { result, replayed } = await ctx.intake.once<PostResult>('open311', key, raw, async (uow) => {
    const outcome = await ctx.intake.submitInTransaction(uow, report, { acknowledgedInline: true });
    const id = Number(outcome.case.service_request_id);
    if (request.phone) {
      await upsertSubscription(uow.tx, {
        case_id: id,
        channel: 'sms',
        address: request.phone,
        language: report.language ?? 'en',
        role: outcome.kind === 'created' ? 'reporter' : 'follower',
      });
    }
    const result: PostResult = {
      service_request_id: id,
      service_notice: serviceNotice(outcome.kind, id, report.language ?? 'en', Boolean(request.phone)),
      account_id: request.contact.account_id ?? null,
      token: key,
    };
    return { result, caseId: id };
  });
  // A replay comes back from jsonb, which does not keep key order; XML answers need the spec's order.
  const { service_request_id, service_notice, account_id, token } = result;
  return { result: { service_request_id, service_notice, account_id, token }, replayed };
}
