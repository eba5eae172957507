import type { UnitOfWork } from '../../src/storage/unit-of-work';
import { recordingSeconds } from './call-params';
import type { CallState } from './call-state';
import { categoryStep } from './category-step';
import { PROMPTS } from './prompts';
import { finishRecording, upsertRecording } from './recordings-repo';
import { twiml, type StepResult, type VoiceDeps } from './voice-deps';

/** Twilio's parameters on a call webhook (form fields), as strings. */
export type CallParams = Record<string, string | undefined>;

/** Language menu: 1 English, 2 Spanish; asked once more on no answer, then English. */
export function languageStep(d: VoiceDeps, state: CallState, params: CallParams): StepResult {
  const digits = params.Digits ?? '';
  if (digits !== '1' && digits !== '2' && state.tries === 0) {
    state.tries = 1;
    return twiml(d.screens.greeting());
  }
  state.language = digits === '2' ? 'es' : 'en';
  state.tries = 0;
  return twiml(d.screens.describe(state.language, d.how, [], d.phrases));
}

/**
 * After `<Record>`: with a recording, it is noted for transcription (the recording status callback queues the
 * job once Twilio has the file) and the call moves on to the address while it runs. Without one, the caller
 * heard nothing from us: ask again once, then offer to leave a message for staff.
 */
export async function recordedStep(d: VoiceDeps, uow: UnitOfWork, callSid: string, state: CallState, params: CallParams): Promise<StepResult> {
  const p = PROMPTS[state.language];
  const recordingSid = params.RecordingSid;
  const seconds = recordingSeconds(params.RecordingDuration);
  if (recordingSid && seconds !== 0) {
    await upsertRecording(uow.tx, {
      recordingSid,
      callSid,
      url: params.RecordingUrl,
      durationSeconds: seconds,
      language: state.language,
    });
    // Without Google, Twilio's own transcription of the recording is the best text there is, when it came along.
    const twilioText = (params.TranscriptionText ?? '').trim();
    if (d.how === 'speech' && twilioText) await finishRecording(uow.tx, recordingSid, { status: 'done', transcript: twilioText, confidence: null, engine: 'twilio-speech' });
    state.describeAttempts++;
    state.tries = 0;
    if (state.leavingMessage) return { file: 'message_for_staff', preface: [p.staffWillCategorise] };
    return nextAfterDescription(d, uow, callSid, state);
  }
  return silence(d, state);
}

/** After `<Gather input="speech">` (no Google configured): Twilio's recognition of the description. */
export async function describedStep(d: VoiceDeps, uow: UnitOfWork, callSid: string, state: CallState, params: CallParams): Promise<StepResult> {
  const text = (params.SpeechResult ?? '').trim();
  if (!text) return silence(d, state);
  const confidence = Number(params.Confidence);
  state.spoken = { text, confidence: Number.isFinite(confidence) && confidence > 0 ? confidence : null };
  state.describeAttempts++;
  state.tries = 0;
  return nextAfterDescription(d, uow, callSid, state);
}

function silence(d: VoiceDeps, state: CallState): StepResult {
  const p = PROMPTS[state.language];
  state.tries++;
  if (state.leavingMessage) return twiml(d.screens.goodbye(state.language, [p.noMessage]));
  if (state.tries === 1) return twiml(d.screens.describe(state.language, d.how, [p.notHeard], d.phrases));
  state.leavingMessage = true;
  return twiml(d.screens.offerMessage(state.language, [p.notHeard]));
}

async function nextAfterDescription(d: VoiceDeps, uow: UnitOfWork, callSid: string, state: CallState): Promise<StepResult> {
  if (!state.addressDone) return twiml(d.screens.askAddress(state.language));
  return categoryStep(d, uow, callSid, state);
}

/** The address: spoken, or a house number typed on the keypad (then the street is asked for). */
export async function addressStep(d: VoiceDeps, uow: UnitOfWork, callSid: string, state: CallState, params: CallParams): Promise<StepResult> {
  const digits = (params.Digits ?? '').replace(/#$/, '');
  const speech = (params.SpeechResult ?? '').trim();
  if (/^\d{1,6}$/.test(digits)) {
    state.houseNumber = digits;
    state.tries = 0;
    return twiml(d.screens.askStreet(state.language));
  }
  if (speech) return heard(d, state, speech);
  return noAddress(d, uow, callSid, state, () => d.screens.askAddress(state.language, [PROMPTS[state.language].notHeard]));
}

/** The street after a typed house number. */
export async function streetStep(d: VoiceDeps, uow: UnitOfWork, callSid: string, state: CallState, params: CallParams): Promise<StepResult> {
  const speech = (params.SpeechResult ?? '').trim();
  if (speech) return heard(d, state, `${state.houseNumber ?? ''} ${speech}`.trim());
  return noAddress(d, uow, callSid, state, () => d.screens.askStreet(state.language));
}

/** The read-back: 1 keeps the address, 2 asks again (once more), silence keeps it unconfirmed. */
export async function addressConfirmStep(d: VoiceDeps, uow: UnitOfWork, callSid: string, state: CallState, params: CallParams): Promise<StepResult> {
  const digits = params.Digits ?? '';
  if (digits === '1') {
    state.address = state.heardAddress;
    state.addressConfirmed = true;
    return addressDone(d, uow, callSid, state);
  }
  if (digits === '2') {
    state.addressAttempts++;
    state.tries = 0;
    state.houseNumber = undefined;
    if (state.addressAttempts < 2) return twiml(d.screens.askAddress(state.language));
    return addressDone(d, uow, callSid, state);
  }
  state.tries++;
  if (state.tries === 1) return twiml(d.screens.confirmAddress(state.language, state.heardAddress ?? ''));
  state.address = state.heardAddress;
  return addressDone(d, uow, callSid, state);
}

function heard(d: VoiceDeps, state: CallState, address: string): StepResult {
  state.heardAddress = address;
  state.tries = 0;
  return twiml(d.screens.confirmAddress(state.language, address));
}

async function noAddress(d: VoiceDeps, uow: UnitOfWork, callSid: string, state: CallState, again: () => string): Promise<StepResult> {
  state.tries++;
  if (state.tries === 1) return twiml(again());
  // The description was asked to say where the problem is; staff can work from that.
  return addressDone(d, uow, callSid, state);
}

async function addressDone(d: VoiceDeps, uow: UnitOfWork, callSid: string, state: CallState): Promise<StepResult> {
  state.addressDone = true;
  state.tries = 0;
  return categoryStep(d, uow, callSid, state);
}
