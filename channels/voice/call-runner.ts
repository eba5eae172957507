import type { ChannelSql, Place } from '../../src/channels/port';
import type { Language } from '../../src/domain/classifier';
import type { CallEffect, CallParams, Step, StepDecision } from './call-decision';
import type { CallState } from './call-state';
import { heardWords } from './call-steps';
import { callView } from './call-store';
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
 * Runs one step of a call through the core's one intake path: the core loads the call's state (by CallSid), the
 * step decides on it, and the core saves the next state and applies a follow atomically, deciding again when
 * another callback of the same call changed the state meanwhile. `seen` hears the caller's language as loaded. Then the step's effects on this channel's own
 * table are applied, its transcription jobs queued, and a `file` action files the call.
 */
export async function runStep(
  d: VoiceDeps,
  callSid: string,
  params: CallParams,
  step: Step,
  seen?: (language: Language) => void,
  hearsPlace = false,
): Promise<StepRun> {
  const { reply: decision } = await d.ctx.port.inbound.handle<CallState, StepDecision>(
    { channel: 'voice', conversationKey: callSid },
    async (view) => {
      if (view.conversation) seen?.(view.conversation.state.language);
      const call = await callView(d.ctx.sql, callSid, view, params.From ?? '');
      const place = hearsPlace ? await heardPlace(d, call.state, params) : undefined;
      const decided = step(d, call, params, place);
      return {
        reply: decided,
        ...(decided.state ? { conversation: { state: decided.state } } : {}),
        ...(decided.action?.kind === 'follow' ? { action: decided.action } : {}),
        // The core lets the call that filed a case make it private: the CallSid, signed by Twilio, is the proof.
        ...(decided.action?.kind === 'make_private'
          ? { action: { kind: 'make_private' as const, caseId: decided.action.caseId, filedBy: callSid } }
          : {}),
      };
    },
  );
  // Recordings are upserts keyed on the RecordingSid: applying them after the state is safe to repeat.
  for (const effect of decision.effects) await applyEffect(d.ctx.sql, callSid, effect);
  for (const effect of decision.effects) if (effect.kind === 'transcribe') await enqueueTranscription(d.ctx, effect.recordingSid);
  if (decision.action?.kind !== 'file') return { decision };
  return { decision, caseId: await fileCall(d, callSid, decision.action.outcome, params) };
}

/** The place the caller's spoken address names (with a typed house number before it), for the read-back. */
async function heardPlace(d: VoiceDeps, state: CallState, params: CallParams): Promise<Place | undefined> {
  const speech = (params.SpeechResult ?? '').trim();
  if (!speech) return undefined;
  return d.ctx.port.places.locate(heardWords(state, speech), { language: state.language });
}

async function applyEffect(sql: ChannelSql, callSid: string, effect: CallEffect): Promise<void> {
  if (effect.kind === 'transcribe') return markQueued(sql, effect.recordingSid);
  await upsertRecording(sql, {
    recordingSid: effect.recordingSid,
    callSid,
    url: effect.url,
    durationSeconds: effect.durationSeconds,
    language: effect.language,
  });
  if (effect.outcome) await finishRecording(sql, effect.recordingSid, effect.outcome);
}
