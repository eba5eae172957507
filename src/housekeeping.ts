import type { Stop } from './channels/channel';
import type { AppContext } from './context';
import { deleteIdleConversations } from './storage/conversations-repo';

/**
 * Periodic clean-up run with the workers: conversations (SMS threads by phone number, calls by CallSid) are
 * working state, not records; the case and its history keep what matters. Idle ones are deleted after
 * CONVERSATION_RETENTION_DAYS so phone numbers are not kept longer than needed. Photo originals go after
 * MEDIA_ORIGINAL_RETENTION_DAYS.
 */
export function startHousekeeping(
  ctx: Pick<AppContext, 'db' | 'log' | 'config'> & Partial<Pick<AppContext, 'media'>>,
  everyMs = 3600_000,
): { stop: Stop; sweep: () => Promise<void> } {
  const sweep = async () => {
    try {
      const deleted = await deleteIdleConversations(ctx.db, ctx.config.conversationRetentionDays);
      if (deleted) ctx.log.info({ deleted }, 'housekeeping: idle conversations removed');
      // Originals keep the sender's metadata (GPS, camera); only the stripped copies outlive MEDIA_ORIGINAL_RETENTION_DAYS.
      const originals = (await ctx.media?.expireOriginals()) ?? 0;
      if (originals) ctx.log.info({ originals }, 'housekeeping: photo originals past retention removed');
    } catch (err) {
      ctx.log.warn({ err }, 'housekeeping: sweep failed; will try again');
    }
  };
  void sweep();
  const timer = setInterval(() => void sweep(), everyMs);
  timer.unref();
  return { stop: async () => clearInterval(timer), sweep };
}
