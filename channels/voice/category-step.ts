import type { CallState } from './call-state';
import { callText } from './call-report';
import { PROMPTS } from './prompts';
import { listCallRecordings } from './recordings-repo';
import type { UnitOfWork } from '../../src/storage/unit-of-work';
import { twiml, type StepResult, type VoiceDeps } from './voice-deps';

/** Holds of about 2.5 s each while transcription runs before we count it as failed (about 20 s in all). */
export const MAX_WAITS = 8;
/** How many categories the keypad menu offers besides "something else" (9). */
const MENU_SIZE = 3;

/**
 * The category question. Waits (briefly, with redirects) for the transcript; then proposes the classifier's
 * suggestion or a short choice. A failed transcription asks for the description once more; after that,
 * or with no usable words, the case goes to staff under the default category.
 */
export async function categoryStep(d: VoiceDeps, uow: UnitOfWork, callSid: string, state: CallState, preface: string[] = []): Promise<StepResult> {
  const { ctx, screens } = d;
  const p = PROMPTS[state.language];
  const heard = callText(state, await listCallRecordings(uow.tx, callSid));
  if (heard.latest === 'pending' && state.waits < MAX_WAITS) {
    state.waits++;
    return twiml(screens.wait(state.language, state.waits === 1));
  }
  state.waits = 0;
  state.tries = 0;
  if (!heard.latestText) {
    if (state.describeAttempts < 2) return twiml(screens.describe(state.language, d.how, [...preface, p.notUnderstood], d.phrases));
    return forStaff(d, state, [...preface, p.notUnderstood]);
  }
  const suggestions = ctx.classifier.classify(heard.latestText, { language: state.language });
  const fallback = ctx.catalog.defaultServiceCode;
  const options = [...new Set(suggestions.map((s) => s.service_code))].filter((c) => c !== fallback && ctx.catalog.has(c)).slice(0, MENU_SIZE);
  if (!options.length) return forStaff(d, state, preface);
  state.options = options;
  state.confident = ctx.classifier.isConfident(suggestions) && suggestions[0].service_code === options[0];
  return twiml(menu(d, state, preface));
}

/** The caller's key press on the category menu. */
export function categoryChoice(d: VoiceDeps, state: CallState, digits: string): StepResult {
  const p = PROMPTS[state.language];
  if (digits === '9') {
    state.categoryConfirmed = true;
    return forStaff(d, state, [p.staffWillCategorise]);
  }
  const picked = state.options[Number(digits) - 1];
  if (/^[1-9]$/.test(digits) && picked) {
    state.serviceCode = picked;
    state.categoryConfirmed = true;
    return { file: 'completed', preface: [] };
  }
  state.tries++;
  if (state.tries === 1) return twiml(menu(d, state, [p.notHeard]));
  return forStaff(d, state, []);
}

function menu(d: VoiceDeps, state: CallState, preface: string[]): string {
  const names = state.options.map((c) => d.ctx.catalog.name(c, state.language));
  return d.screens.categoryMenu(state.language, names, state.confident, preface);
}

function forStaff(d: VoiceDeps, state: CallState, preface: string[]): StepResult {
  state.serviceCode = d.ctx.catalog.defaultServiceCode;
  const p = PROMPTS[state.language];
  const lines = preface.includes(p.staffWillCategorise) ? preface : [...preface, p.staffWillCategorise];
  return { file: state.leavingMessage ? 'message_for_staff' : 'completed', preface: lines };
}
