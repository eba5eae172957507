import type { AppContext } from '../../src/context';
import type { Language } from '../../src/domain/classifier';
import { loadConversation, saveConversation } from '../../src/storage/conversations-repo';
import { inTransaction, type UnitOfWork } from '../../src/storage/unit-of-work';

/** One call's progress, kept in `conversations` under its CallSid (Twilio's webhooks carry no state of ours). */
export interface CallState {
  /** The caller's number as Twilio gave it; private, never logged. */
  from: string;
  language: Language;
  /** Unanswered or unusable attempts at the current question. */
  tries: number;
  /** Descriptions received (recordings or speech): a failed transcription is re-asked once. */
  describeAttempts: number;
  /** The caller was offered, and is leaving, a message for staff to file. */
  leavingMessage: boolean;
  /** Twilio's own recognition of the description (when Google is not configured). */
  spoken?: { text: string; confidence: number | null };
  houseNumber?: string;
  heardAddress?: string;
  address?: string;
  addressConfirmed: boolean;
  addressAttempts: number;
  addressDone: boolean;
  /** Times the caller has been asked to hold while transcription runs. */
  waits: number;
  /** The categories offered, in keypad order, and whether the first was proposed alone. */
  options: string[];
  confident: boolean;
  serviceCode?: string;
  categoryConfirmed: boolean;
  caseId?: number;
  /** Twilio reported the call over (hang-up or end). */
  ended: boolean;
}

export function newCallState(from: string): CallState {
  return {
    from,
    language: 'en',
    tries: 0,
    describeAttempts: 0,
    leavingMessage: false,
    addressConfirmed: false,
    addressAttempts: 0,
    addressDone: false,
    waits: 0,
    options: [],
    confident: false,
    categoryConfirmed: false,
    ended: false,
  };
}

/** Loads (locked for this transaction) a call's state; a call we never answered gets a fresh one. */
export async function loadCall(uow: UnitOfWork, callSid: string, from = ''): Promise<{ state: CallState; known: boolean }> {
  const row = await loadConversation<CallState>(uow.tx, 'voice', callSid);
  return row ? { state: row.state, known: true } : { state: newCallState(from), known: false };
}

export async function saveCall(uow: UnitOfWork, callSid: string, state: CallState): Promise<void> {
  await saveConversation(uow.tx, 'voice', callSid, state);
}

/**
 * Runs one step of a call in a transaction: the call's row is locked, so Twilio's callbacks for the same
 * call (an action, a status callback, a recording callback) are handled one after the other.
 */
export async function withCall<T>(ctx: AppContext, callSid: string, from: string, fn: (state: CallState, uow: UnitOfWork, known: boolean) => Promise<T>): Promise<T> {
  return inTransaction(ctx.db, async (uow) => {
    const { state, known } = await loadCall(uow, callSid, from);
    const result = await fn(state, uow, known);
    await saveCall(uow, callSid, state);
    return result;
  });
}
