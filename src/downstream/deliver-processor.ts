import type { AppContext } from '../context';
import { PermanentSendError, RateLimitedError } from '../errors';
import type { Job, JobHandler } from '../queue/job-queue';
import { claimDelivery } from './claim';
import type { ConfiguredConnector } from './connector-set';
import { type DeliveryRow, recordAccepted, resolveLink, settleDelivery } from './delivery-store';

type Deps = Pick<AppContext, 'db' | 'catalog' | 'config' | 'log' | 'metrics'>;

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * The job handler of one connector's queue: claims the delivery, sends it once, records what the downstream
 * answered. Errors go back to the queue (retry with backoff, or fail); the row says what happened for staff.
 */
/** `waitMs`: how long a delivery waits for an earlier one of its case (or a token) before it looks again. */
export function deliverProcessor(deps: Deps, cc: ConfiguredConnector, waitMs: number): JobHandler {
  const viewDeps = { catalog: deps.catalog, publicBaseUrl: deps.config.publicBaseUrl };
  const attempts = cc.config.attempts;
  return async (job: Job) => {
    const id = Number(job.data.delivery_id);
    if (!Number.isSafeInteger(id)) throw new PermanentSendError(`connectors: job ${job.id} has no numeric delivery_id`);
    let taken = await claimDelivery(deps.db, id, cc, viewDeps);
    if (taken.kind === 'wait' && taken.token && cc.connector.resolveToken) {
      const caseId = Number(job.data.case_id);
      const externalId = await cc.connector.resolveToken(taken.token).catch(() => undefined);
      if (externalId && Number.isSafeInteger(caseId)) {
        await resolveLink(deps.db, cc.config.id, caseId, externalId);
        taken = await claimDelivery(deps.db, id, cc, viewDeps);
      }
    }
    if (taken.kind === 'wait') {
      // Waiting is not failing: it spends no try, so a slow first delivery cannot use up the next one's tries.
      await settleDelivery(deps.db, id, 'queued', taken.reason);
      throw new RateLimitedError(taken.reason, waitMs);
    }
    if (taken.kind !== 'claimed') return;
    const { row, delivery } = taken;
    try {
      const accepted = await cc.connector.deliver(delivery);
      await recordAccepted(deps.db, row, accepted.externalId, accepted.token);
      deps.metrics.connectorDeliveries.inc({ connector: cc.config.id, outcome: 'sent' });
      deps.log.debug(
        { connector: cc.config.id, delivery_id: id, case_id: row.case_id, external_id: accepted.externalId },
        'connector delivery accepted',
      );
    } catch (err) {
      await onError(deps, cc, row, err, job.attemptsMade + 1 >= attempts);
      throw err;
    }
  };
}

async function onError(deps: Deps, cc: ConfiguredConnector, row: DeliveryRow, err: unknown, lastAttempt: boolean): Promise<void> {
  const reason = describe(err);
  const context = { connector: cc.config.id, delivery_id: row.id, case_id: row.case_id, reason };
  if (err instanceof RateLimitedError) {
    await settleDelivery(deps.db, row.id, 'queued', `rate limited, retrying in ${Math.ceil(err.retryAfterMs / 1000)} s: ${reason}`);
    deps.metrics.connectorDeliveries.inc({ connector: cc.config.id, outcome: 'rate_limited' });
    deps.log.warn(context, 'connector downstream rate limit; delivery delayed');
  } else if (err instanceof PermanentSendError || lastAttempt) {
    await settleDelivery(deps.db, row.id, 'dead', reason);
    deps.metrics.connectorDeliveries.inc({ connector: cc.config.id, outcome: 'dead' });
    deps.log.warn(context, 'connector delivery failed for good (dead-letter); staff can resend it');
  } else {
    await settleDelivery(deps.db, row.id, 'queued', reason);
    deps.metrics.connectorDeliveries.inc({ connector: cc.config.id, outcome: 'retried' });
    deps.log.warn(context, 'connector delivery failed; will retry');
  }
}
