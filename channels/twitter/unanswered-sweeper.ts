import type { ChannelContext } from '../../src/channels/channel';
import { type Periodic, runPeriodically } from '../../src/channels/periodic';
import { dropSettled, dueQuestions, settleQuestion } from './questions-repo';
import { decideUnanswered, type MentionReply, type XConversation } from './report-decision';

/** How often the sweeper looks for category questions left unanswered. */
export const UNANSWERED_SWEEP_MS = 60_000;

/**
 * Files the reports whose category question went unanswered for CONVERSATION_TIMEOUT_MINUTES, in the classifier's
 * best guess, so a real request never leaves no case. Each is one inbound step keyed `unanswered:<tweet id>`: the
 * core applies it once, so a crash before the row is settled, or two workers sweeping at once, files nothing twice.
 * The case's usual reply goes under the resident's tweet, with its tracking number and a line saying we chose.
 */
export function startUnansweredSweeper(ctx: ChannelContext, everyMs = UNANSWERED_SWEEP_MS): Periodic {
  const once = async () => {
    try {
      const due = await dueQuestions(ctx.sql, ctx.config.conversationTimeoutMinutes * 60_000);
      for (const q of due) {
        await ctx.port.inbound.handle<XConversation, MentionReply | null>(
          { channel: 'twitter', providerMessageId: `unanswered:${q.tweet_id}`, conversationKey: `author:${q.author_id}` },
          (view) => decideUnanswered(ctx.catalog, view, q.tweet_id),
        );
        await settleQuestion(ctx.sql, q.tweet_id);
      }
      await dropSettled(ctx.sql);
    } catch (err) {
      ctx.log.warn({ err: (err as Error).message }, 'twitter: unanswered-question sweep failed; will try again');
    }
  };
  return runPeriodically(once, everyMs);
}
