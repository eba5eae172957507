import type { ChannelContext } from '../../src/channels/channel';
import { type Periodic, runPeriodically } from '../../src/channels/periodic';
import { claimStalled, listAbandoned } from './recordings-repo';
import { enqueueTranscription, storeOutcome } from './transcribe-job';

/** How many jobs a recording gets (the first plus the sweeper's) before it is marked failed. Default 5. */
export const MAX_QUEUED = 5;

export interface SweeperOptions {
  /** How often to look (ms); also how long a recording may sit pending since its last job before it is queued again. */
  everyMs: number;
  maxQueued?: number;
}

/**
 * Re-queues transcriptions whose jobs were lost (Redis emptied, a crash between commit and queue): the
 * `voice_recordings` row is the durable record, so a recording still pending a whole interval after its last
 * job gets a new one (the RecordingSid job id keeps a job that is only slow from running twice). After
 * `maxQueued` jobs it is marked failed, so a caller on hold moves on and a filed case keeps what it has.
 */
export function startTranscriptionSweeper(ctx: ChannelContext, options: SweeperOptions): Periodic {
  const { everyMs, maxQueued = MAX_QUEUED } = options;
  const once = async () => {
    try {
      const requeued = await claimStalled(ctx.sql, everyMs, maxQueued);
      for (const recordingSid of requeued) await enqueueTranscription(ctx, recordingSid);
      const abandoned = await listAbandoned(ctx.sql, everyMs, maxQueued);
      for (const r of abandoned) {
        await storeOutcome(ctx, r.call_sid, r.recording_sid, {
          status: 'failed',
          error: `voice: no transcription after ${maxQueued} jobs`,
          engine: 'none',
        });
      }
      if (requeued.length || abandoned.length)
        ctx.log.warn({ requeued: requeued.length, abandoned: abandoned.length }, 'voice: stalled transcriptions swept');
    } catch (err) {
      ctx.log.warn({ err: (err as Error).message }, 'voice: transcription sweep failed; will try again');
    }
  };
  return runPeriodically(once, everyMs);
}
