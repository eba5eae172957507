import type { Catalog } from '../../src/catalog/catalog';
import type { AppContext } from '../../src/context';
import type { Classifier } from '../../src/domain/classifier';
import { Screens } from './twiml';

/** What the call's pure steps decide with: the catalog and classifier, the TwiML screens, and how descriptions are captured. */
export interface StepDeps {
  catalog: Catalog;
  classifier: Classifier;
  screens: Screens;
  /** `record`: `<Record>` and Google STT in a queued job. `speech`: Twilio's own recognition (no Google configured). */
  how: 'record' | 'speech';
  /** Catalog phrases that bias speech recognition towards the city's categories. */
  phrases: string[];
}

/** The steps' deps plus the app, which only the step runner and the workers use (storage, queue, intake). */
export interface VoiceDeps extends StepDeps {
  ctx: AppContext;
}

export function voiceDeps(ctx: AppContext): VoiceDeps {
  const phrases = ctx.catalog.services.flatMap((s) => [s.name.en, s.name.es, ...s.keywords]);
  return {
    ctx,
    catalog: ctx.catalog,
    classifier: ctx.classifier,
    screens: new Screens(ctx.config.publicBaseUrl),
    how: ctx.config.google.mode === 'live' ? 'record' : 'speech',
    // Speech-to-Text takes up to 5000 phrases of 100 characters; a city catalog is far smaller.
    phrases: [...new Set(phrases.map((p) => p.trim()).filter((p) => p && p.length <= 100))].slice(0, 500),
  };
}
