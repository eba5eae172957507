import type { CallParams, CallView, Step, StepDecision } from '../../../channels/voice/call-decision';
import { transcriptAmendment } from '../../../channels/voice/call-report';
import { type CallState, newCallState } from '../../../channels/voice/call-state';
import {
  addressConfirmStep,
  addressStep,
  describedStep,
  languageStep,
  recordedStep,
  streetStep,
  updatesStep,
} from '../../../channels/voice/call-steps';
import { callStatusStep, lastStepAware, recordingStatusStep } from '../../../channels/voice/callback-steps';
import { categoryChoiceStep, categoryStep } from '../../../channels/voice/category-step';
import type { RecordingFacts } from '../../../channels/voice/recordings-repo';
import { Screens } from '../../../channels/voice/twiml';
import type { StepDeps } from '../../../channels/voice/voice-deps';
import { loadCatalog } from '../../../src/catalog/catalog';
import { categoryAdvisor } from '../../../src/intake/category-advisor';
import { KeywordClassifier } from '../../support/keyword-classifier';
import { locales } from '../../support/locales';

const catalog = loadCatalog();
const deps: StepDeps = {
  catalog,
  categories: categoryAdvisor(catalog, new KeywordClassifier()),
  screens: new Screens('https://city.example', 'Boston', locales),
  how: 'record',
  phrases: [],
  locales,
  cityName: 'Boston',
};
const FROM = '+16175550142';

function freeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    Object.values(value).forEach(freeze);
    Object.freeze(value);
  }
  return value;
}

/** Runs a step on a frozen view, so a step that changed its input would throw. */
function run(step: Step, state: CallState, params: CallParams = {}, recordings: RecordingFacts[] = [], known = true): StepDecision {
  return step(deps, freeze<CallView>({ state, known, recordings }), params);
}

function spoken(decision: StepDecision): string[] {
  if (decision.reply.kind !== 'twiml') throw new Error(`expected TwiML, got a ${decision.reply.kind} reply`);
  return [...decision.reply.twiml.matchAll(/<Say[^>]*>([^<]*)<\/Say>/g)].map((m) => m[1]);
}

const start = (over: Partial<CallState> = {}): CallState => ({ ...newCallState(FROM), ...over });
const pending = (sid: string): RecordingFacts => ({
  recording_sid: sid,
  recording_url: 'https://api.twilio.com/r',
  status: 'pending',
  transcript: null,
  confidence: null,
  engine: null,
});
const done = (sid: string, transcript: string): RecordingFacts => ({
  ...pending(sid),
  status: 'done',
  transcript,
  confidence: 0.9,
  engine: 'google',
});

describe('voice call steps (pure)', () => {
  it('asks for the language once more on no answer, then goes on in English; 2 chooses Spanish', () => {
    const again = run(languageStep, start());
    expect(again.state).toMatchObject({ tries: 1, language: 'en' });
    expect(spoken(again)[0]).toMatch(/^Thank you for calling Boston 3 1 1/);
    const english = run(languageStep, again.state!);
    expect(english.state).toMatchObject({ tries: 0, language: 'en' });
    expect(spoken(english)).toEqual(['After the tone, describe the problem and where it is. Press pound when done.']);
    const spanish = run(languageStep, start(), { Digits: '2' });
    expect(spanish.state!.language).toBe('es');
    // The 911 warning again, now in Spanish, then the question.
    expect(spoken(spanish)[0]).toBe('Gracias por llamar a Boston 3 1 1. Si es una emergencia, cuelgue y marque 9 1 1.');
    expect(spoken(spanish)[1]).toMatch(/^Después del tono/);
    expect([again, english, spanish].every((d) => d.effects.length === 0 && !d.action)).toBe(true);
  });

  it('re-asks a silent caller once, then offers a message, then says goodbye; nothing is recorded or filed', () => {
    const first = run(recordedStep, start());
    expect(spoken(first)[0]).toBe('Sorry, we did not hear anything.');
    const offer = run(recordedStep, first.state!);
    expect(offer.state!.leavingMessage).toBe(true);
    expect(spoken(offer).join(' ')).toContain('You can leave a message and our staff will file it for you.');
    const bye = run(recordedStep, offer.state!);
    expect(spoken(bye)).toEqual(['We did not receive a message. Please call again or text us. Goodbye.']);
    expect([first, offer, bye].flatMap((d) => d.effects)).toEqual([]);
    expect([first, offer, bye].map((d) => d.action)).toEqual([undefined, undefined, undefined]);
  });

  it('notes a recording as an effect and asks for the address; a message left for staff is filed', () => {
    const params = { RecordingSid: 'RE1', RecordingUrl: 'https://api.twilio.com/r/RE1', RecordingDuration: '4' };
    const described = run(recordedStep, start(), params);
    expect(described.effects).toEqual([
      { kind: 'recording', recordingSid: 'RE1', url: 'https://api.twilio.com/r/RE1', durationSeconds: 4, language: 'en' },
    ]);
    expect(described.state!.describeAttempts).toBe(1);
    expect(spoken(described)[0]).toMatch(/^Now say the address/);

    const message = run(recordedStep, start({ leavingMessage: true, tries: 2 }), params);
    expect(message.action).toEqual({ kind: 'file', outcome: 'message_for_staff' });
    expect(message.reply).toEqual({ kind: 'tracking', preface: ['Our staff will listen to your message and choose the right department.'] });
    expect(message.effects.map((e) => e.kind)).toEqual(['recording']);
  });

  it('takes a house number on the keypad, then the street, reads it back, and holds while the transcript is pending', () => {
    const typed = run(addressStep, start(), { Digits: '12#' });
    expect(typed.state!.houseNumber).toBe('12');
    expect(spoken(typed)).toEqual(['Now say the street name.']);
    const street = run(streetStep, typed.state!, { SpeechResult: 'Elm Street' });
    expect(street.state!.heardAddress).toBe('12 Elm Street');
    expect(spoken(street)).toEqual(['We heard: 12 Elm Street. If that is right, press 1. To say it again, press 2.']);
    const confirmed = run(addressConfirmStep, street.state!, { Digits: '1' }, [pending('RE1')]);
    expect(confirmed.state).toMatchObject({ address: '12 Elm Street', addressConfirmed: true, addressDone: true, waits: 1 });
    expect(spoken(confirmed)).toEqual(['One moment while we listen to your message.']);
  });

  it('gives up on the address after a second silence and goes on to the category', () => {
    const once = run(addressStep, start());
    expect(spoken(once)[0]).toBe('Sorry, we did not hear anything.');
    const twice = run(addressStep, once.state!, {}, [done('RE1', 'a big pothole')]);
    expect(twice.state).toMatchObject({ addressDone: true, options: ['pothole'], confident: true });
    expect(twice.state!.address).toBeUndefined();
    expect(spoken(twice)[0]).toBe('It sounds like this is about: Pothole. If that is right, press 1.');
  });

  it('proposes the category; 1 files it as chosen, 9 files it for staff, a bad key asks once more', () => {
    const described = run(describedStep, start({ addressDone: true }), { SpeechResult: 'big pothole outside 12 Elm St', Confidence: '0.9' });
    expect(described.state).toMatchObject({
      spoken: { text: 'big pothole outside 12 Elm St', confidence: 0.9 },
      options: ['pothole'],
      confident: true,
    });

    const chosen = run(categoryChoiceStep, described.state!, { Digits: '1' });
    expect(chosen.state).toMatchObject({ serviceCode: 'pothole', categoryConfirmed: true });
    expect(chosen.action).toEqual({ kind: 'file', outcome: 'completed' });
    expect(chosen.reply).toEqual({ kind: 'tracking', preface: [] });

    const other = run(categoryChoiceStep, described.state!, { Digits: '9' });
    expect(other.state).toMatchObject({ serviceCode: 'other', categoryConfirmed: true });
    expect(other.reply).toEqual({ kind: 'tracking', preface: ['Our staff will listen to your message and choose the right department.'] });

    const wrong = run(categoryChoiceStep, described.state!, { Digits: '7' });
    expect(spoken(wrong)[0]).toBe('Sorry, we did not hear anything.');
    const wrongAgain = run(categoryChoiceStep, wrong.state!, { Digits: '7' });
    expect(wrongAgain.state).toMatchObject({ serviceCode: 'other', categoryConfirmed: false });
    expect(wrongAgain.action).toEqual({ kind: 'file', outcome: 'completed' });
  });

  it('asks for the description again when the transcription failed, then files for staff', () => {
    const failed: RecordingFacts = { ...pending('RE1'), status: 'failed' };
    const again = run(categoryStep, start({ addressDone: true, describeAttempts: 1 }), {}, [failed]);
    expect(spoken(again)).toEqual([
      'Sorry, we could not understand your message.',
      'After the tone, describe the problem and where it is. Press pound when done.',
    ]);
    const staff = run(categoryStep, start({ addressDone: true, describeAttempts: 2 }), {}, [failed, { ...failed, recording_sid: 'RE2' }]);
    expect(staff.action).toEqual({ kind: 'file', outcome: 'completed' });
    expect(staff.state!.serviceCode).toBe('other');
  });

  it('subscribes the calling number by SMS on 1 for updates, keeps the case private on 2, and does nothing otherwise', () => {
    const filed = start({ caseId: 101, language: 'es' });
    const yes = run(updatesStep, filed, { Digits: '1' });
    expect(yes.action).toEqual({ kind: 'follow', caseId: 101, follower: { channel: 'sms', address: FROM, language: 'es' } });
    expect(spoken(yes)).toEqual(['Le enviaremos un mensaje de texto cuando su reporte se actualice.', 'Gracias por llamar. Adiós.']);
    expect(run(updatesStep, filed, { Digits: '2' }).action).toEqual({ kind: 'make_private', caseId: 101 });
    expect(run(updatesStep, filed, { Digits: '3' }).action).toBeUndefined();
    expect(run(updatesStep, { ...filed, from: '+266696687' }, { Digits: '1' }).action).toBeUndefined();
  });

  it('files a call that ends mid-step as a hang-up, and a filed one not again', () => {
    const hungUp = run(lastStepAware(recordedStep), start(), { RecordingSid: 'RE1', RecordingDuration: '3', CallStatus: 'completed' });
    expect(hungUp.state!.ended).toBe(true);
    expect(hungUp.action).toEqual({ kind: 'file', outcome: 'hung_up' });
    expect(run(lastStepAware(updatesStep), start({ caseId: 5 }), { CallStatus: 'completed' }).action).toBeUndefined();
  });

  it('queues a ready recording, fails one Twilio could not make, and leaves an unknown call unsaved', () => {
    const ready = run(recordingStatusStep, start(), {
      RecordingSid: 'RE1',
      RecordingStatus: 'completed',
      RecordingUrl: 'https://api.twilio.com/r/RE1',
    });
    expect(ready.effects.map((e) => e.kind)).toEqual(['recording', 'transcribe']);
    expect(ready.state).toBeUndefined();
    const absent = run(recordingStatusStep, start(), { RecordingSid: 'RE2', RecordingStatus: 'absent' });
    expect(absent.effects).toEqual([
      {
        kind: 'recording',
        recordingSid: 'RE2',
        url: undefined,
        durationSeconds: undefined,
        language: 'en',
        outcome: { status: 'failed', error: 'recording absent', engine: 'none' },
      },
    ]);
    const stray = run(callStatusStep, start(), { CallStatus: 'completed' }, [pending('RE1')], false);
    expect([stray.state, stray.action, stray.effects]).toEqual([undefined, undefined, []]);
    expect(run(callStatusStep, start(), { CallStatus: 'completed' }, [pending('RE1')]).action).toEqual({ kind: 'file', outcome: 'hung_up' });
  });

  it('turns a late transcript into an amendment of the case, recategorising only a category the caller did not choose', () => {
    const words = transcriptAmendment(deps, start({ caseId: 7 }), [done('RE1', 'a pothole here')]);
    expect(words).toMatchObject({
      description: 'a pothole here',
      details: { transcript_engine: 'google', transcription_pending: false },
      recategorise: true,
    });
    expect(words.suggestions![0].service_code).toBe('pothole');
    expect(transcriptAmendment(deps, start({ caseId: 7, categoryConfirmed: true }), [done('RE1', 'a pothole here')]).recategorise).toBe(false);
    const failed = transcriptAmendment(deps, start({ caseId: 7 }), [{ ...pending('RE1'), status: 'failed' }]);
    expect([failed.description, failed.suggestions, failed.details.transcription_pending]).toEqual([undefined, undefined, false]);
  });
});
