import type { Place } from '../../src/channels/port';
import type { Language } from '../../src/domain/classifier';
import type { CallOutcome } from './call-report';
import type { CallState } from './call-state';
import type { RecordingFacts, RecordingOutcome } from './recordings-repo';
import type { StepDeps } from './voice-deps';

/** Twilio's parameters on a call webhook (form fields), as strings. */
export type CallParams = Record<string, string | undefined>;

/** What a step decides on: the call's state (fresh for a call we never answered) and its recordings, oldest first. */
export interface CallView {
  state: CallState;
  /** False when we never answered this CallSid (a stray or late callback). */
  known: boolean;
  recordings: readonly RecordingFacts[];
}

/**
 * A change to the voice channel's own rows or queue, as data; the step runner applies it. These never touch
 * the core's tables: `recording` is the channel's `voice_recordings` table, `transcribe` its own queue.
 */
export type CallEffect =
  /** Note a recording of this call: inserted once, a later report only fills in what was missing; `outcome` finishes it if still pending. */
  | { kind: 'recording'; recordingSid: string; url?: string; durationSeconds?: number; language: Language; outcome?: RecordingOutcome }
  /** Queue the recording's transcription (noted on its row in the step's transaction, queued after it commits). */
  | { kind: 'transcribe'; recordingSid: string };

/**
 * The one change a step makes to cases. `follow` has the shape of the core's `InboundAction` follow; `file` becomes
 * its `report` action through `reportAction` (call-report.ts), built from the call as it stands when filed.
 */
export type CallAction =
  /** "Press 1 for updates": the calling number follows the case by text message; the caller already heard so (no confirm). */
  | { kind: 'follow'; caseId: number; follower: { channel: 'sms'; address: string; language: Language } }
  /** File the call as a case, once per CallSid; nothing is filed when the call left nothing (a silent hang-up). */
  | { kind: 'file'; outcome: CallOutcome }
  /** "Press 2 to keep it private": the case this very call filed goes off the public map and feeds. */
  | { kind: 'make_private'; caseId: number };

/** What Twilio gets back. */
export type CallReply =
  | { kind: 'twiml'; twiml: string }
  /** Read the tracking number of the case the `file` action made (goodbye if there was nothing to file), after these lines. */
  | { kind: 'tracking'; preface: string[] }
  /** A callback Twilio only needs acknowledged (204). */
  | { kind: 'none' };

/** One step's decision. Steps are pure: the same view and parameters give the same decision. */
export interface StepDecision {
  /** The call's next state (a new object; the view's is never changed). Omitted: the call's row is left as it is. */
  state?: CallState;
  reply: CallReply;
  /** Applied in order, in the step's transaction (a `transcribe` is queued once it commits). */
  effects: CallEffect[];
  action?: CallAction;
}

/** A call webhook's step. */
/** `place`: what the geocoder made of the words the caller just said, for the address steps (looked up before deciding). */
export type Step = (d: StepDeps, call: CallView, params: CallParams, place?: Place) => StepDecision;

/** Answers with TwiML, moving the call to `state`. */
export function answer(state: CallState, twiml: string): StepDecision {
  return { state, reply: { kind: 'twiml', twiml }, effects: [] };
}

/** Files the call and reads the tracking number after `preface`. */
export function fileAndRead(state: CallState, outcome: CallOutcome, preface: string[]): StepDecision {
  return { state, reply: { kind: 'tracking', preface }, effects: [], action: { kind: 'file', outcome } };
}

/** The call's recordings as they will be once `note` is applied (as `upsertRecording` then `finishRecording` do). */
export function withRecording(recordings: readonly RecordingFacts[], note: Extract<CallEffect, { kind: 'recording' }>): RecordingFacts[] {
  const finish = (r: RecordingFacts): RecordingFacts => {
    if (!note.outcome || r.status !== 'pending') return r;
    const o = note.outcome;
    return o.status === 'done'
      ? { ...r, status: 'done', transcript: o.transcript, confidence: o.confidence, engine: o.engine }
      : { ...r, status: 'failed', transcript: null, confidence: null, engine: o.engine };
  };
  const known = recordings.some((r) => r.recording_sid === note.recordingSid);
  if (known)
    return recordings.map((r) => (r.recording_sid === note.recordingSid ? finish({ ...r, recording_url: r.recording_url ?? note.url ?? null }) : r));
  const fresh: RecordingFacts = {
    recording_sid: note.recordingSid,
    recording_url: note.url ?? null,
    status: 'pending',
    transcript: null,
    confidence: null,
    engine: null,
  };
  return [...recordings, finish(fresh)];
}
