import { answer, fileAndRead, type Step, type StepDecision } from './call-decision';
import { callText } from './call-report';
import type { CallState } from './call-state';
import { prompts } from './prompts';
import type { StepDeps } from './voice-deps';

/** Holds of about 2.5 s each while transcription runs before we count it as failed (about 20 s in all). */
export const MAX_WAITS = 8;
/** How many categories the keypad menu offers besides "something else" (9). */
const MENU_SIZE = 3;

/**
 * The category question. Waits (briefly, with redirects) for the transcript; then proposes the classifier's
 * suggestion or a short choice. A failed transcription asks for the description once more; after that,
 * or with no usable words, the case goes to staff under the default category.
 */
export const categoryStep: Step = (d, call) => {
  const { state } = call;
  const p = prompts(d.locales, state.language);
  const heard = callText(state, call.recordings);
  if (heard.latest === 'pending' && state.waits < MAX_WAITS) {
    return answer({ ...state, waits: state.waits + 1 }, d.screens.wait(state.language, state.waits === 0));
  }
  const next = { ...state, waits: 0, tries: 0 };
  if (!heard.latestText) {
    if (next.describeAttempts < 2) return answer(next, d.screens.describe(next.language, d.how, [p.notUnderstood], d.phrases));
    return forStaff(d, next, [p.notUnderstood]);
  }
  const advice = d.categories.advise(heard.latestText, next.language);
  const fallback = d.catalog.defaultServiceCode;
  const options = [...new Set(advice.suggestions.map((s) => s.service_code))].filter((c) => c !== fallback).slice(0, MENU_SIZE);
  if (!options.length) return forStaff(d, next, []);
  const confident = advice.confident !== undefined && advice.confident === options[0];
  return menu(d, { ...next, options, confident }, []);
};

/** The caller's key press on the category menu. */
export const categoryChoiceStep: Step = (d, { state }, params) => {
  const digits = params.Digits ?? '';
  const p = prompts(d.locales, state.language);
  if (digits === '9') return forStaff(d, { ...state, categoryConfirmed: true }, [p.staffWillCategorise]);
  const picked = state.options[Number(digits) - 1];
  if (/^[1-9]$/.test(digits) && picked) return fileAndRead({ ...state, serviceCode: picked, categoryConfirmed: true }, 'completed', []);
  const next = { ...state, tries: state.tries + 1 };
  if (next.tries === 1) return menu(d, next, [p.notHeard]);
  return forStaff(d, next, []);
};

function menu(d: StepDeps, state: CallState, preface: string[]): StepDecision {
  const names = state.options.map((c) => d.catalog.name(c, state.language));
  return answer(state, d.screens.categoryMenu(state.language, names, state.confident, preface));
}

function forStaff(d: StepDeps, state: CallState, preface: string[]): StepDecision {
  const p = prompts(d.locales, state.language);
  const lines = preface.includes(p.staffWillCategorise) ? preface : [...preface, p.staffWillCategorise];
  return fileAndRead({ ...state, serviceCode: d.catalog.defaultServiceCode }, state.leavingMessage ? 'message_for_staff' : 'completed', lines);
}
