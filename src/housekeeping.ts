import crypto from 'node:crypto';
import type { Stop } from './channels/channel';
import type { AppContext } from './context';
import { fillMissingMasks } from './storage/case-masks-repo';
import { deleteIdleConversations } from './storage/conversations-repo';
import { holdLease, releaseLease } from './storage/leases-repo';
import { purgeClosedPersonalData } from './storage/retention-repo';

/** With several workers, the holder of this lease sweeps; the others skip the round. */
export const HOUSEKEEPING_LEASE = 'housekeeping';
/** Cases per purge transaction: short enough that row locks and WAL stay small on a million-case store. */
export const PURGE_BATCH = 500;
/** Batches per sweep (hourly): 20,000 cases an hour, far above a large city's closures, so a backlog drains in days. */
export const PURGE_BATCHES_PER_SWEEP = 40;
/**
 * Cases masked per backfill statement, and statements per sweep: 200,000 cases an hour, so a million cases from
 * before migration 020 are filled within a working day (they are served masked on read meanwhile).
 */
export const MASK_BATCH = 1000;
export const MASK_BATCHES_PER_SWEEP = 200;

/**
 * Periodic clean-up run with the workers: conversations (SMS threads by phone number, calls by CallSid) are
 * working state, not records; the case and its history keep what matters. Idle ones are deleted after
 * CONVERSATION_RETENTION_DAYS so phone numbers are not kept longer than needed. Photo originals go after
 * MEDIA_ORIGINAL_RETENTION_DAYS, and uploads no report took in (a form left unsent) after a day. Closed cases lose
 * their personal data RETENTION_PERSONAL_DATA_DAYS after closing, in bounded batches, and stay public as open data.
 * Cases with no stored public mask (from before migration 020, or whose mask an edit could not store) get one, in
 * batches.
 */
export function startHousekeeping(
  ctx: Pick<AppContext, 'db' | 'log' | 'config'> & Partial<Pick<AppContext, 'media'>>,
  everyMs = 3600_000,
): { stop: Stop; sweep: () => Promise<void> } {
  const holder = crypto.randomUUID();
  let running: Promise<void> | undefined;
  // One sweep at a time: a call while one runs (the timer, a test, a slow round) waits for it instead of racing it.
  const sweep = (): Promise<void> => {
    running ??= sweepOnce().finally(() => {
      running = undefined;
    });
    return running;
  };
  const sweepOnce = async () => {
    try {
      // The lease outlives one round, so the same worker keeps sweeping; a dead one's passes on after a round and a minute.
      if (!(await holdLease(ctx.db, HOUSEKEEPING_LEASE, holder, everyMs + 60_000))) return;
      const deleted = await deleteIdleConversations(ctx.db, ctx.config.conversationRetentionDays);
      if (deleted) ctx.log.info({ deleted }, 'housekeeping: idle conversations removed');
      // Originals keep the sender's metadata (GPS, camera); only the stripped copies outlive MEDIA_ORIGINAL_RETENTION_DAYS.
      const originals = (await ctx.media?.expireOriginals()) ?? 0;
      if (originals) ctx.log.info({ originals }, 'housekeeping: photo originals past retention removed');
      const uploads = (await ctx.media?.expireStagedUploads()) ?? 0;
      if (uploads) ctx.log.info({ uploads }, 'housekeeping: uploads no report took in a day removed');
      let purged = 0;
      for (let i = 0; i < PURGE_BATCHES_PER_SWEEP; i++) {
        const batch = await purgeClosedPersonalData(ctx.db, ctx.config.personalDataRetentionDays, PURGE_BATCH);
        purged += batch.cases;
        if (batch.cases < PURGE_BATCH) break;
      }
      if (purged) ctx.log.info({ cases: purged }, 'housekeeping: personal data of closed cases purged');
      let masked = 0;
      for (let i = 0; i < MASK_BATCHES_PER_SWEEP; i++) {
        const n = await fillMissingMasks(ctx.db, MASK_BATCH);
        masked += n;
        if (n < MASK_BATCH) break;
      }
      if (masked) ctx.log.info({ cases: masked }, 'housekeeping: public text of older cases masked and stored');
    } catch (err) {
      ctx.log.warn({ err }, 'housekeeping: sweep failed; will try again');
    }
  };
  void sweep();
  const timer = setInterval(() => void sweep(), everyMs);
  timer.unref();
  const stop = async () => {
    clearInterval(timer);
    await releaseLease(ctx.db, HOUSEKEEPING_LEASE, holder).catch(() => undefined);
  };
  return { stop, sweep };
}
