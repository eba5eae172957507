import type { Place } from '../../src/channels/port';
import { answer, type CallEffect, type CallView, fileAndRead, type Step, type StepDecision, withRecording } from './call-decision';
import { recordingSeconds } from './call-params';
import type { CallState } from './call-state';
import { textable } from './caller-number';
import { categoryStep } from './category-step';
import { prompts } from './prompts';
import type { StepDeps } from './voice-deps';

/** A new call: the caller's number is kept (private, never logged) and the language menu played. */
export const incomingStep: Step = (d, call, params) => answer({ ...call.state, from: params.From ?? call.state.from }, d.screens.greeting());

/** Language menu: one key per language (1 English, 2 Spanish...); asked once more on no answer, then the default. */
export const languageStep: Step = (d, { state }, params) => {
  const picked = d.screens.languageOfKey(params.Digits ?? '');
  if (!picked && state.tries === 0) return answer({ ...state, tries: 1 }, d.screens.greeting());
  const language = picked ?? d.locales.fallback;
  // The greeting's 911 warning was in the default language: a caller who chose another hears it again in theirs.
  const warning = language === d.locales.fallback ? [] : [d.locales.text(language, 'voice.greeting', { city: d.cityName })];
  return answer({ ...state, language, tries: 0 }, d.screens.describe(language, d.how, warning, d.phrases));
};

/**
 * After `<Record>`: with a recording, it is noted for transcription (the recording status callback queues the
 * job once Twilio has the file) and the call moves on to the address while it runs. Without one, the caller
 * heard nothing from us: ask again once, then offer to leave a message for staff.
 */
export const recordedStep: Step = (d, call, params) => {
  const { state } = call;
  const recordingSid = params.RecordingSid;
  const seconds = recordingSeconds(params.RecordingDuration);
  if (!recordingSid || seconds === 0) return silence(d, state);
  // Without Google, Twilio's own transcription of the recording is the best text there is, when it came along.
  const twilioText = (params.TranscriptionText ?? '').trim();
  const note: CallEffect = {
    kind: 'recording',
    recordingSid,
    url: params.RecordingUrl,
    durationSeconds: seconds,
    language: state.language,
    ...(d.how === 'speech' && twilioText ? { outcome: { status: 'done', transcript: twilioText, confidence: null, engine: 'twilio-speech' } } : {}),
  };
  const next: CallState = { ...state, describeAttempts: state.describeAttempts + 1, tries: 0 };
  const decided = next.leavingMessage
    ? fileAndRead(next, 'message_for_staff', [prompts(d.locales, next.language).staffWillCategorise])
    : afterDescription(d, { ...call, state: next, recordings: withRecording(call.recordings, note) });
  return { ...decided, effects: [note, ...decided.effects] };
};

/** After `<Gather input="speech">` (no Google configured): Twilio's recognition of the description. */
export const describedStep: Step = (d, call, params) => {
  const text = (params.SpeechResult ?? '').trim();
  if (!text) return silence(d, call.state);
  const confidence = Number(params.Confidence);
  const spoken = { text, confidence: Number.isFinite(confidence) && confidence > 0 ? confidence : null };
  return afterDescription(d, { ...call, state: { ...call.state, spoken, describeAttempts: call.state.describeAttempts + 1, tries: 0 } });
};

function silence(d: StepDeps, state: CallState): StepDecision {
  const p = prompts(d.locales, state.language);
  const next = { ...state, tries: state.tries + 1 };
  if (next.leavingMessage) return answer(next, d.screens.goodbye(next.language, [p.noMessage]));
  if (next.tries === 1) return answer(next, d.screens.describe(next.language, d.how, [p.notHeard], d.phrases));
  return answer({ ...next, leavingMessage: true }, d.screens.offerMessage(next.language, [p.notHeard]));
}

function afterDescription(d: StepDeps, call: CallView): StepDecision {
  if (!call.state.addressDone) return answer(call.state, d.screens.askAddress(call.state.language));
  return categoryStep(d, call, {});
}

/** The address: spoken, or a house number typed on the keypad (then the street is asked for). */
export const addressStep: Step = (d, call, params, place) => {
  const { state } = call;
  const digits = (params.Digits ?? '').replace(/#$/, '');
  const speech = (params.SpeechResult ?? '').trim();
  if (/^\d{1,6}$/.test(digits)) return answer({ ...state, houseNumber: digits, tries: 0 }, d.screens.askStreet(state.language));
  if (speech && !(isNonAnswer(speech) && !place?.inside)) return heard(d, state, speech, place);
  if (speech) return noAddress(d, call, () => d.screens.askAddress(state.language));
  return noAddress(d, call, () => d.screens.askAddress(state.language, [prompts(d.locales, state.language).notHeard]));
};

/**
 * What a caller says for "where" that is no place: "I don't know", "not sure", "my house", "right here", "no sé",
 * "mi casa". Asked again once, as for silence, never read back or kept as the address.
 */
const NON_ANSWER =
  /^(?:um+|uh+|well|so|it'?s|it is|at|in|on|by|near|outside|en|está|esta|es)?\s*(?:i (?:do ?n[o']?t|dunno|don'?t) know|i'?m not sure|not sure|no idea|dunno|idk|(?:at |in |near |outside )?(?:my|our) (?:house|home|place|building|apartment|street)|(?:right )?(?:here|there)|home|no s[eé]|no lo s[eé]|ni idea|(?:en |cerca de )?(?:mi|nuestra) (?:casa|calle|edificio)|aqu[ií]|all[ií])[\s.!,]*$/i;

function isNonAnswer(speech: string): boolean {
  return NON_ANSWER.test(speech.trim());
}

/** The street after a typed house number. */
export const streetStep: Step = (d, call, params, place) => {
  const speech = (params.SpeechResult ?? '').trim();
  if (speech) return heard(d, call.state, heardWords(call.state, speech), place);
  return noAddress(d, call, () => d.screens.askStreet(call.state.language));
};

/** The read-back: 1 keeps the address, 2 asks again (once more), silence keeps it unconfirmed. */
export const addressConfirmStep: Step = (d, call, params) => {
  const { state } = call;
  const digits = params.Digits ?? '';
  if (digits === '1') return addressDone(d, { ...call, state: { ...state, address: state.heardAddress, addressConfirmed: true } });
  if (digits === '2') {
    const next = { ...state, addressAttempts: state.addressAttempts + 1, tries: 0, houseNumber: undefined, place: undefined };
    if (next.addressAttempts < 2) return answer(next, d.screens.askAddress(next.language));
    return addressDone(d, { ...call, state: next });
  }
  const next = { ...state, tries: state.tries + 1 };
  if (next.tries === 1) return answer(next, d.screens.confirmAddress(next.language, next.heardAddress ?? ''));
  return addressDone(d, { ...call, state: { ...next, address: next.heardAddress } });
};

/** The words of the address as the caller gave them: a typed house number, then the spoken street. */
export function heardWords(state: CallState, speech: string): string {
  return `${state.houseNumber ?? ''} ${speech}`.trim();
}

/**
 * Reads back what we understood: the geocoded address ("twelve elm street" is read as "12 Elm St, Charlestown"),
 * or, when the words name no place we know, the words themselves, so staff still have them.
 */
function heard(d: StepDeps, state: CallState, words: string, place: Place | undefined): StepDecision {
  const known = place?.inside ? place : undefined;
  const address = known ? known.address.replace(/\s+\d{5}(?:-\d{4})?$/, '') : words;
  return answer({ ...state, heardAddress: address, place: known, tries: 0 }, d.screens.confirmAddress(state.language, address));
}

function noAddress(d: StepDeps, call: CallView, again: () => string): StepDecision {
  const next = { ...call.state, tries: call.state.tries + 1 };
  if (next.tries === 1) return answer(next, again());
  // The description was asked to say where the problem is; staff can work from that.
  return addressDone(d, { ...call, state: next });
}

function addressDone(d: StepDeps, call: CallView): StepDecision {
  return categoryStep(d, { ...call, state: { ...call.state, addressDone: true, tries: 0 } }, {});
}

/** "Press 1 for updates by text message": the calling number follows the case on SMS; "press 2": the case is kept private. */
export const updatesStep: Step = (d, { state }, params) => {
  const p = prompts(d.locales, state.language);
  if (params.Digits === '1' && state.caseId && textable(state.from)) {
    return {
      ...answer(state, d.screens.goodbye(state.language, [p.willText, p.goodbye])),
      action: { kind: 'follow', caseId: state.caseId, follower: { channel: 'sms', address: state.from, language: state.language } },
    };
  }
  if (params.Digits === '2' && state.caseId) {
    return {
      ...answer(state, d.screens.goodbye(state.language, [p.keptPrivate, p.goodbye])),
      action: { kind: 'make_private', caseId: state.caseId },
    };
  }
  return answer(state, d.screens.goodbye(state.language, [p.goodbye]));
};
