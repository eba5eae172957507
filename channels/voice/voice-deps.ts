import type { AppContext } from '../../src/context';
import type { CallOutcome } from './call-report';
import { Screens } from './twiml';

/** What the call's steps share: the app, the TwiML screens, and how descriptions are captured. */
export interface VoiceDeps {
  ctx: AppContext;
  screens: Screens;
  /** `record`: `<Record>` and Google STT in a queued job. `speech`: Twilio's own recognition (no Google configured). */
  how: 'record' | 'speech';
  /** Catalog phrases that bias speech recognition towards the city's categories. */
  phrases: string[];
}

/** A step answers with TwiML, or asks for the call to be filed and then the tracking number read. */
export type StepResult = { twiml: string } | { file: CallOutcome; preface: string[] };

export const twiml = (doc: string): StepResult => ({ twiml: doc });

export function voiceDeps(ctx: AppContext): VoiceDeps {
  const phrases = ctx.catalog.services.flatMap((s) => [s.name.en, s.name.es, ...s.keywords]);
  return {
    ctx,
    screens: new Screens(ctx.config.publicBaseUrl),
    how: ctx.config.google.mode === 'live' ? 'record' : 'speech',
    // Speech-to-Text takes up to 5000 phrases of 100 characters; a city catalog is far smaller.
    phrases: [...new Set(phrases.map((p) => p.trim()).filter((p) => p && p.length <= 100))].slice(0, 500),
  };
}
