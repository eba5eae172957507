import type { Catalog } from '../../src/channels/channel';
import type { CategoryAdvisor } from '../../src/channels/port';
import type { Suggestion } from '../../src/domain/classifier';
import type { InboundReport } from '../../src/domain/types';
import { MAX_DESCRIPTION } from '../../src/domain/types';
import type { CallView } from './call-decision';
import type { CallState } from './call-state';
import type { RecordingFacts, TranscriptEngine } from './recordings-repo';

/** How a call ended, kept on the case for staff. */
export type CallOutcome = 'completed' | 'hung_up' | 'message_for_staff';

/** What we have of the caller's words so far, and where the latest description stands. */
export interface CallText {
  text: string;
  confidence: number | null;
  engine: TranscriptEngine;
  /** The latest description: still being transcribed, transcribed, failed, or none given. */
  latest: 'pending' | 'done' | 'failed' | 'none';
  latestText: string;
}

/** Joins every transcribed recording of the call (or Twilio's recognition of what was said). */
export function callText(state: CallState, recordings: readonly RecordingFacts[]): CallText {
  if (state.spoken?.text) {
    return { text: state.spoken.text, confidence: state.spoken.confidence, engine: 'twilio-speech', latest: 'done', latestText: state.spoken.text };
  }
  const done = recordings.filter((r) => r.status === 'done' && r.transcript);
  const scores = done.map((r) => r.confidence).filter((c): c is number => typeof c === 'number');
  const latest = recordings[recordings.length - 1];
  return {
    text: done
      .map((r) => r.transcript)
      .join(' ')
      .trim(),
    confidence: scores.length ? scores.reduce((a, b) => a + b, 0) / scores.length : null,
    engine: done[0]?.engine ?? 'none',
    latest: latest ? latest.status : 'none',
    latestText: latest?.status === 'done' ? (latest.transcript ?? '') : '',
  };
}

/** True when a call left something to file: a recording or recognised speech. */
export function hasSomethingToFile(state: CallState, recordings: readonly RecordingFacts[]): boolean {
  return Boolean(state.spoken?.text) || recordings.some((r) => r.recording_url || r.status === 'done');
}

/**
 * The call as intake's InboundReport. A category the caller confirmed is kept; with no words to classify the
 * case goes to the catalog default for staff to categorise; otherwise intake classifies the transcript.
 */
export function callReport(
  deps: { catalog: Catalog },
  callSid: string,
  state: CallState,
  recordings: readonly RecordingFacts[],
  outcome: CallOutcome,
  raw: unknown,
): InboundReport {
  const heard = callText(state, recordings);
  const withAudio = recordings.filter((r) => r.recording_url);
  return {
    channel: 'voice',
    providerMessageId: callSid,
    reporter: state.from ? { phone: state.from } : {},
    text: heard.text.slice(0, MAX_DESCRIPTION),
    media: [],
    address: state.address,
    place: state.address && state.address === state.heardAddress ? state.place : undefined,
    language: state.language,
    serviceCode: state.serviceCode ?? (heard.text ? undefined : deps.catalog.defaultServiceCode),
    details: {
      ...transcriptDetails(heard, recordings),
      recording_sids: withAudio.map((r) => r.recording_sid),
      recording_urls: withAudio.map((r) => r.recording_url),
      call_outcome: outcome,
      category_confirmed: state.categoryConfirmed,
      address_confirmed: state.addressConfirmed,
    },
    raw,
  };
}

/** The transcript fields a voice case carries; `transcription_pending` until every recording is processed. */
export function transcriptDetails(heard: CallText, recordings: readonly RecordingFacts[]): Record<string, unknown> {
  return {
    transcript_engine: heard.engine,
    transcript_confidence: heard.confidence,
    transcription_pending: !heard.text && recordings.some((r) => r.status === 'pending'),
  };
}

/**
 * The core's `report` action for filing the call: the caller hears the tracking number in TwiML (acknowledged
 * inline) and is subscribed only if they press 1 afterwards. Undefined when there is nothing to file: a call we
 * never answered, or a hang-up that left no words or recording (a later callback may bring one).
 */
export function reportAction(
  deps: { catalog: Catalog },
  callSid: string,
  call: CallView,
  outcome: CallOutcome,
  raw: unknown,
): { kind: 'report'; report: InboundReport; options: { acknowledgedInline: true; subscriber: null } } | undefined {
  if (!call.known || (outcome === 'hung_up' && !hasSomethingToFile(call.state, call.recordings))) return undefined;
  return {
    kind: 'report',
    report: callReport(deps, callSid, call.state, call.recordings, outcome, raw),
    options: { acknowledgedInline: true, subscriber: null },
  };
}

/** What a transcript that arrived after filing changes on the case: the shape of the core's `CaseAmendment`. */
export interface TranscriptAmendment {
  /** The caller's words; omitted when there are none (the case keeps what it has). */
  description?: string;
  details: Record<string, unknown>;
  /** Fresh suggestions for the words; omitted when there are no words to classify. */
  suggestions?: Suggestion[];
  /** Move a case still in the default category to a confident suggestion; never when the caller chose the category. */
  recategorise: boolean;
}

export function transcriptAmendment(
  deps: { categories: CategoryAdvisor },
  state: CallState,
  recordings: readonly RecordingFacts[],
): TranscriptAmendment {
  const heard = callText(state, recordings);
  const suggestions = heard.text ? deps.categories.advise(heard.text, state.language).suggestions : [];
  return {
    ...(heard.text ? { description: heard.text.slice(0, MAX_DESCRIPTION) } : {}),
    details: transcriptDetails(heard, recordings),
    ...(suggestions.length ? { suggestions } : {}),
    recategorise: !state.categoryConfirmed,
  };
}
