import type { Catalog, ChannelContext } from '../../src/channels/channel';
import type { CategoryAdvisor } from '../../src/channels/port';
import type { Locales } from '../../src/domain/locale';
import { Screens } from './twiml';

/** What the call's pure steps decide with: the catalog and the core's category advice, the TwiML screens, and how descriptions are captured. */
export interface StepDeps {
  catalog: Catalog;
  categories: CategoryAdvisor;
  screens: Screens;
  /** `record`: `<Record>` and Google STT in a queued job. `speech`: Twilio's own recognition (no Google configured). */
  how: 'record' | 'speech';
  /** Catalog phrases that bias speech recognition towards the city's categories. */
  phrases: string[];
  /** The enabled languages: what a caller hears in each. */
  locales: Locales;
  /** CITY_NAME, which the greeting says. */
  cityName: string;
}

/** The steps' deps plus the channel's context, which only the step runner and the workers use (port, own tables, queue). */
export interface VoiceDeps extends StepDeps {
  ctx: ChannelContext;
}

export function voiceDeps(ctx: ChannelContext): VoiceDeps {
  const phrases = ctx.catalog.services.flatMap((s) => [...ctx.locales.codes.map((c) => ctx.catalog.name(s.service_code, c)), ...s.keywords]);
  return {
    ctx,
    catalog: ctx.catalog,
    categories: ctx.port.categories,
    screens: new Screens(ctx.config.publicBaseUrl, ctx.config.city.name, ctx.locales, ctx.config.voicePromptsUrl),
    locales: ctx.locales,
    cityName: ctx.config.city.name,
    how: ctx.config.google.mode === 'live' ? 'record' : 'speech',
    // Speech-to-Text takes up to 5000 phrases of 100 characters; a city catalog is far smaller.
    phrases: [...new Set(phrases.map((p) => p.trim()).filter((p) => p && p.length <= 100))].slice(0, 500),
  };
}
