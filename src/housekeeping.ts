import type { Stop } from './channels/channel';
import type { AppContext } from './context';
import { deleteIdleConversations } from './storage/conversations-repo';
import { purgeClosedPersonalData } from './storage/retention-repo';

/** Cases per purge transaction: short enough that row locks and WAL stay small on a million-case store. */
export const PURGE_BATCH = 500;
/** Batches per sweep (hourly): 20,000 cases an hour, far above a large city's closures, so a backlog drains in days. */
export const PURGE_BATCHES_PER_SWEEP = 40;

/**
 * Periodic clean-up run with the workers: conversations (SMS threads by phone number, calls by CallSid) are
 * working state, not records; the case and its history keep what matters. Idle ones are deleted after
 * CONVERSATION_RETENTION_DAYS so phone numbers are not kept longer than needed. Closed cases lose their
 * personal data RETENTION_PERSONAL_DATA_DAYS after closing, in bounded batches, and stay public as open data.
 */
export function startHousekeeping(ctx: Pick<AppContext, 'db' | 'log' | 'config'>, everyMs = 3600_000): { stop: Stop; sweep: () => Promise<void> } {
  const sweep = async () => {
    try {
      const deleted = await deleteIdleConversations(ctx.db, ctx.config.conversationRetentionDays);
      if (deleted) ctx.log.info({ deleted }, 'housekeeping: idle conversations removed');
      let purged = 0;
      for (let i = 0; i < PURGE_BATCHES_PER_SWEEP; i++) {
        const batch = await purgeClosedPersonalData(ctx.db, ctx.config.personalDataRetentionDays, PURGE_BATCH);
        purged += batch.cases;
        if (batch.cases < PURGE_BATCH) break;
      }
      if (purged) ctx.log.info({ cases: purged }, 'housekeeping: personal data of closed cases purged');
    } catch (err) {
      ctx.log.warn({ err }, 'housekeeping: sweep failed; will try again');
    }
  };
  void sweep();
  const timer = setInterval(() => void sweep(), everyMs);
  timer.unref();
  return { stop: async () => clearInterval(timer), sweep };
}
