import type { Place } from '../../src/channels/port';
import type { Language } from '../../src/domain/classifier';

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
  /** The geocoded place of `heardAddress`, when the words named one the city serves (read back as the city writes it). */
  place?: Place;
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
