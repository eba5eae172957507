import { inTransaction, type UnitOfWork } from '../../src/storage/unit-of-work';
import type { CallEffect, CallParams, Step, StepDecision } from './call-decision';
import { loadCall, saveCall } from './call-store';
import { fileCall } from './file-call';
import { finishRecording, markQueued, upsertRecording } from './recordings-repo';
import { enqueueTranscription } from './transcribe-job';
import type { VoiceDeps } from './voice-deps';

/** What a step came to: its decision and, when it filed the call, the case's tracking number. */
export interface StepRun {
  decision: StepDecision;
  caseId?: number;
}

/**
 * Runs one step of a call: in one transaction the call's row is locked (so Twilio's callbacks for the same call
 * are handled one after the other), the step decides, and its effects, next state and follow are stored. Once
 * that commits, its transcription jobs are queued and a `file` action files the call (in intake's own
 * once-per-CallSid transaction, which reloads the call as it then stands).
 *
 * All the storage a step needs is here, in call-store.ts and in file-call.ts; the steps themselves do no I/O.
 */
export async function runStep(d: VoiceDeps, callSid: string, params: CallParams, step: Step): Promise<StepRun> {
  const decision = await inTransaction(d.ctx.db, async (uow) => {
    const decided = step(d, await loadCall(uow, callSid, params.From ?? ''), params);
    for (const effect of decided.effects) await applyEffect(uow, callSid, effect);
    if (decided.state) await saveCall(uow, callSid, decided.state);
    if (decided.action?.kind === 'follow') await d.ctx.cases.follow(uow, decided.action.caseId, decided.action.follower);
    return decided;
  });
  for (const effect of decision.effects) if (effect.kind === 'transcribe') await enqueueTranscription(d.ctx, effect.recordingSid);
  if (decision.action?.kind !== 'file') return { decision };
  return { decision, caseId: await fileCall(d, callSid, decision.action.outcome, params) };
}

async function applyEffect(uow: UnitOfWork, callSid: string, effect: CallEffect): Promise<void> {
  if (effect.kind === 'transcribe') return markQueued(uow.tx, effect.recordingSid);
  await upsertRecording(uow.tx, { recordingSid: effect.recordingSid, callSid, url: effect.url, durationSeconds: effect.durationSeconds, language: effect.language });
  if (effect.outcome) await finishRecording(uow.tx, effect.recordingSid, effect.outcome);
}
