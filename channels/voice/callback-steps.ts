import type { CallEffect, CallParams, Step } from './call-decision';
import { recordingSeconds } from './call-params';
import { hasSomethingToFile } from './call-report';
import { Screens } from './twiml';

/** Call statuses after which Twilio sends no more steps for the call. */
const CALL_OVER = new Set(['completed', 'busy', 'failed', 'no-answer', 'canceled']);

function callOver(params: CallParams): boolean {
  return Boolean(params.CallStatus && CALL_OVER.has(params.CallStatus));
}

/**
 * A call step, aware that its webhook may be the call's last (Twilio posts Record's action with the hang-up):
 * the call is marked ended, and a call that ended with no case yet is filed as a hang-up.
 */
export function lastStepAware(step: Step): Step {
  return (d, call, params, place) => {
    const decided = step(d, call, params, place);
    const state = decided.state ?? call.state;
    const next = callOver(params) ? { ...state, ended: true } : state;
    const hungUp = decided.reply.kind === 'twiml' && !decided.action && next.ended && !next.caseId;
    return { ...decided, state: next, ...(hungUp ? { action: { kind: 'file', outcome: 'hung_up' } } : {}) };
  };
}

/**
 * Recording status callback: the file is ready (queue its transcription, once per RecordingSid) or there
 * is none. A call that has already ended is filed now if this recording is the first thing it left.
 * The route has checked that CallSid and RecordingSid are present.
 */
export const recordingStatusStep: Step = (_d, call, params) => {
  const recordingSid = params.RecordingSid ?? '';
  const ready = params.RecordingStatus === 'completed';
  const note: CallEffect = {
    kind: 'recording',
    recordingSid,
    url: ready ? params.RecordingUrl : undefined,
    durationSeconds: recordingSeconds(params.RecordingDuration),
    language: call.state.language,
    ...(ready ? {} : { outcome: { status: 'failed', error: `recording ${params.RecordingStatus ?? 'missing'}`, engine: 'none' } }),
  };
  return {
    reply: { kind: 'none' },
    effects: ready ? [note, { kind: 'transcribe', recordingSid }] : [note],
    ...(call.known && call.state.ended && !call.state.caseId ? { action: { kind: 'file', outcome: 'hung_up' } } : {}),
  };
};

/** Call status callback: a caller who hangs up after describing the problem still gets a case. */
export const callStatusStep: Step = (_d, call, params) => {
  const reply = { kind: 'twiml', twiml: Screens.empty() } as const;
  if (!callOver(params) || !call.known) return { reply, effects: [] };
  const state = { ...call.state, ended: true };
  const fileNow = !state.caseId && hasSomethingToFile(state, call.recordings);
  return { state, reply, effects: [], ...(fileNow ? { action: { kind: 'file', outcome: 'hung_up' } } : {}) };
};
