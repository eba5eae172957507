import type { ChannelContext } from '../../src/channels/channel';
import { type CallOutcome, reportAction, transcriptAmendment } from './call-report';
import type { CallState } from './call-state';
import { callView } from './call-store';
import { listCallRecordings, type RecordingFacts } from './recordings-repo';
import type { VoiceDeps } from './voice-deps';

/** Thrown from the filing decision so nothing is claimed: a later callback may bring a recording to file. */
class NothingToFile extends Error {
  override name = 'NothingToFile';
}

/** What decides whether a transcript changed after the call was filed with what it had. */
const fingerprint = (recordings: readonly RecordingFacts[]) => JSON.stringify(recordings.map((r) => [r.recording_sid, r.status, r.transcript]));

/**
 * Files the call as a case, once per CallSid however many callbacks ask (the caller confirming, a hang-up's
 * status callback, a late recording callback). Returns the tracking number, or undefined when the call left
 * nothing to file (yet). The caller hears the number in TwiML, so intake sends no separate acknowledgement.
 */
export async function fileCall(d: VoiceDeps, callSid: string, outcome: CallOutcome, raw: unknown): Promise<number | undefined> {
  const { ctx } = d;
  let filedWith: { state: CallState; recordings: readonly RecordingFacts[] } | undefined;
  try {
    const { outcome: filed, replayed } = await ctx.port.inbound.handle<CallState, null>(
      { channel: 'voice', providerMessageId: callSid, raw, conversationKey: callSid },
      async (view) => {
        const call = await callView(ctx.sql, callSid, view);
        const action = reportAction(d, callSid, call, outcome, raw);
        if (!action) throw new NothingToFile();
        filedWith = call;
        return { reply: null, action, conversation: { state: call.state, caseIdField: 'caseId' } };
      },
    );
    if (filed.kind !== 'created' && filed.kind !== 'linked') return undefined;
    const caseId = filed.case.service_request_id;
    if (!replayed && filedWith) {
      ctx.log.info({ callSid, caseId, outcome }, 'voice: call filed');
      // A transcript stored while the case was being filed found no case to update: apply it now.
      const now = await listCallRecordings(ctx.sql, callSid);
      if (fingerprint(now) !== fingerprint(filedWith.recordings)) await applyLateTranscript(ctx, { ...filedWith.state, caseId }, now);
    }
    return caseId;
  } catch (err) {
    if (err instanceof NothingToFile) return undefined;
    throw err;
  }
}

/**
 * A transcript that arrived after the case was filed (the caller hung up, or left a message): the case gets
 * the words, the engine and confidence, and fresh suggestions; a case filed under the default category is
 * recategorised when the core finds a suggestion confident, unless the caller chose its category.
 */
export async function applyLateTranscript(ctx: ChannelContext, state: CallState, recordings: readonly RecordingFacts[]): Promise<void> {
  if (!state.caseId) return;
  await ctx.port.cases.amend(state.caseId, transcriptAmendment({ categories: ctx.port.categories }, state, recordings), 'system:voice-transcription');
}
