import type { AppContext } from '../context';
import type { ChannelName } from '../domain/types';
import { PermanentSendError, RateLimitedError, RecipientOptedOutError } from '../errors';
import type { Job, JobHandler, RetryPolicy } from '../queue/job-queue';
import { claim, fail, type OutboxRow, recordSent, release, staleFeedReason } from './outbox-store';
import type { Publisher, SendResult } from './publisher';
import { SkipTally } from './skip-tally';
import { render } from './templates';
import type { TextBudget } from './text-budget';

type Deps = Pick<AppContext, 'db' | 'catalog' | 'config' | 'log' | 'metrics' | 'locales'>;

function describe(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  const code = (err as { providerCode?: unknown }).providerCode;
  return code === undefined || message.includes(String(code)) ? message : `${message} (provider code ${String(code)})`;
}

/**
 * The job handler for one channel's queue: reloads the notification, claims it, renders it, sends it once
 * and records the provider id. Errors are re-thrown for the queue to act on (retry, delay or fail); the row
 * tells staff what happened.
 */
export function sendProcessor(
  deps: Deps,
  channel: ChannelName,
  publisher: Publisher,
  budget: TextBudget,
  retry: RetryPolicy,
  stale: SkipTally = new SkipTally(deps.log, channel, staleFeedReason(deps.config.feedMaxAgeMs)),
): JobHandler {
  const renderDeps = { catalog: deps.catalog, locales: deps.locales, publicBaseUrl: deps.config.publicBaseUrl };
  const options = { feedMaxAgeMs: deps.config.feedMaxAgeMs };
  return async (job: Job) => {
    const id = Number(job.data.notification_id);
    if (!Number.isSafeInteger(id)) throw new PermanentSendError(`outbound: job ${job.id} has no numeric notification_id`);
    const taken = await claim(deps.db, id, (n, c) => render(n, c, renderDeps, budget), options);
    if (taken.kind === 'interrupted') deps.metrics.notificationsSent.inc({ channel, outcome: 'interrupted' });
    if (taken.kind === 'stale') {
      deps.metrics.feedPostsSkipped.inc({ channel, reason: 'stale' });
      stale.add();
    }
    if (taken.kind !== 'claimed') return;
    const n = taken.notification;
    let result: SendResult;
    try {
      result = await publisher.send({ notification: n, case: taken.case, text: n.body ?? '', mediaUrl: n.media_url ?? undefined });
    } catch (err) {
      await handleSendError(deps, channel, n, err, job.attemptsMade + 1 >= retry.attempts);
      throw err;
    }
    await recordSent(deps.db, n.id, result.providerId, result.status ?? null);
    deps.metrics.notificationsSent.inc({ channel, outcome: 'sent' });
    deps.metrics.notificationLatency.observe({ channel }, (Date.now() - new Date(n.created_at).getTime()) / 1000);
    deps.log.debug({ channel, notification_id: n.id, case_id: n.case_id, provider_id: result.providerId }, 'notification sent');
  };
}

async function handleSendError(deps: Deps, channel: ChannelName, n: OutboxRow, err: unknown, lastAttempt: boolean): Promise<void> {
  const reason = describe(err);
  const context = { channel, notification_id: n.id, case_id: n.case_id, reason };
  if (err instanceof RateLimitedError) {
    await release(deps.db, n.id, `rate limited, retrying in ${Math.ceil(err.retryAfterMs / 1000)} s: ${reason}`);
    deps.metrics.notificationsSent.inc({ channel, outcome: 'rate_limited' });
    deps.log.warn(context, 'provider rate limit; notification delayed');
  } else if (err instanceof PermanentSendError || lastAttempt) {
    const optedOut = err instanceof RecipientOptedOutError;
    const recipientGone = err instanceof PermanentSendError && err.recipientGone;
    await fail(deps.db, n, reason, { recipientGone, optedOut });
    deps.metrics.notificationsSent.inc({ channel, outcome: 'failed' });
    deps.log.warn({ ...context, recipient_gone: recipientGone }, 'notification failed');
  } else {
    await release(deps.db, n.id, reason);
    deps.metrics.notificationsSent.inc({ channel, outcome: 'retried' });
    deps.log.warn(context, 'notification send failed; will retry');
  }
}
