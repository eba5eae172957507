import { englishGloss } from '../../classifiers/gloss';
import type { FeedTarget } from '../cases/fan-out';
import type { Catalog } from '../catalog/catalog';
import type { ReportOptions } from '../channels/port';
import type { Config } from '../config';
import type { Classifier, Language, Suggestion } from '../domain/classifier';
import type { Locales } from '../domain/locale';
import { type Place, type PlaceKind, type PlaceSource, PRECISE_PLACE_KINDS } from '../domain/place';
import { MASK_VERSION, maskCaseText } from '../domain/public-text';
import type { ChannelName, InboundReport, Media, ReporterContact } from '../domain/types';
import { catalogSuggestions, confidentCategory } from './category-advisor';
import { validateReport } from './validate-report';

/**
 * The input of the SQL function intake_create (migrations/repeatable/intake.sql), key for key. This builder is the
 * only place it is made; test/integration/core/intake-input.test.ts checks that each key reaches the case.
 */
export interface IntakeInput {
  channel: ChannelName;
  /** Who opened the case, for its history: `resident:<channel>`. */
  actor: string;
  service_code: string;
  description: string;
  lat: number | null;
  lon: number | null;
  address: string | null;
  /** The public text masked at intake, so public reads only copy it (migration 020, src/domain/public-text.ts). */
  masked_description: string;
  masked_address: string | null;
  mask_version: number;
  /** How the point was found (migration 012). */
  location_kind: PlaceKind | null;
  location_confidence: number | null;
  location_source: PlaceSource | null;
  neighborhood: string | null;
  media: Media[];
  language: Language;
  reporter: ReporterContact;
  public: boolean;
  department: string | null;
  classification: { version: string; suggestions: Suggestion[] } | null;
  attributes: Record<string, string | string[]>;
  details: Record<string, unknown>;
  /** Who hears of the case (reporter of a new case, follower of the case it duplicates), or null. */
  subscriber: IntakeSubscriber | null;
  /** More addresses that hear of the case the same way (a web reporter who gave a phone and an email). */
  also_subscribers: IntakeSubscriber[];
  /** False when the channel already gave the tracking number in its own reply. */
  notify_reporter: boolean;
  /** Feed channels that post this case when it opens. */
  feed_channels: ChannelName[];
  /** 0 turns duplicate linking off. */
  duplicate_radius_m: number;
  /** ISO time: only open cases created since then are candidates to link to. */
  duplicate_since: string;
  /** The top suggestions, kept with the inbound message so a redelivery answers the same. */
  suggestions: Suggestion[];
}

export interface IntakeSubscriber {
  channel: ChannelName;
  address: string;
  language: Language;
  thread_id: string | null;
}

export interface IntakeInputDeps {
  catalog: Catalog;
  classifier: Classifier;
  config: Pick<Config, 'duplicates'>;
  feedTargets: FeedTarget[];
  /**
   * Channels running without vendor credentials: their webhooks only accept the simulation secret, so every case
   * they open comes from /try or `simulate` and is marked `details.simulated` (the /try staff panel acts on no other).
   */
  simulatedChannels?: readonly ChannelName[];
  /** The enabled languages: a case's language is one of them (a disabled or unknown one reads as the default). */
  locales?: Locales;
}

/**
 * Validates, classifies (once: a channel that already classified passes its suggestions on) and shapes a report.
 * Pure: no I/O. Throws InputError naming the field for a report a channel built wrongly.
 */
export function buildIntakeInput(deps: IntakeInputDeps, report: InboundReport, options: ReportOptions = {}, now = Date.now()): IntakeInput {
  const { catalog, classifier, config } = deps;
  validateReport(report, catalog);
  const text = report.text.trim();
  const given = report.language ?? (text ? classifier.detectLanguage(text) : undefined);
  const language = deps.locales ? deps.locales.resolve(given) : (given ?? 'en');
  const suggestions = report.suggestions ?? (text ? classifier.classify(text, { language }) : []);
  const serviceCode = report.serviceCode ?? confidentCategory(catalog, classifier, suggestions) ?? catalog.defaultServiceCode;
  const isPublic = report.public ?? true;
  const top = catalogSuggestions(catalog, suggestions).slice(0, 3);
  const place = report.place;
  // A whole street's point is only its middle: two reports "on Tremont St" are not the same spot.
  const precise = place ? PRECISE_PLACE_KINDS.includes(place.kind) : true;
  const address = addressOf(report, place);
  const masked = maskCaseText({ description: text, public_description: null, address });
  return {
    channel: report.channel,
    actor: `resident:${report.channel}`,
    service_code: serviceCode,
    description: text,
    lat: place?.lat ?? report.location?.lat ?? null,
    lon: place?.lon ?? report.location?.lon ?? null,
    address,
    ...masked,
    mask_version: MASK_VERSION,
    location_kind: place?.kind ?? null,
    location_confidence: place ? Math.round(place.confidence * 100) / 100 : null,
    location_source: place?.source ?? null,
    neighborhood: place?.neighborhood ?? null,
    media: report.media,
    language,
    reporter: report.reporter,
    public: isPublic,
    department: catalog.get(serviceCode)?.department ?? null,
    classification: top.length ? { version: classifier.version, suggestions: top } : null,
    attributes: report.attributes ?? {},
    details: detailsOf(deps, report, place, englishGloss(masked.masked_description, language)),
    subscriber: subscriberOf(report, options, language),
    also_subscribers: (options.alsoSubscribers ?? []).map((s) => ({ channel: s.channel, address: s.address, language: s.language, thread_id: null })),
    notify_reporter: !options.acknowledgedInline,
    feed_channels: deps.feedTargets.filter((t) => t.wants({ service_code: serviceCode, public: isPublic }, 'feed_opened')).map((t) => t.channel),
    duplicate_radius_m: options.noDuplicateCheck || !precise ? 0 : config.duplicates.radiusMeters,
    duplicate_since: new Date(now - config.duplicates.windowHours * 3600_000).toISOString(),
    suggestions: top,
  };
}

function subscriberOf(report: InboundReport, options: ReportOptions, language: Language): IntakeInput['subscriber'] {
  if (options.subscriber === null) return null;
  if (options.subscriber) {
    const s = options.subscriber;
    return { channel: s.channel, address: s.address, language: s.language, thread_id: s.threadId ?? options.threadId ?? null };
  }
  if (!report.reporter.address) return null;
  return { channel: report.channel, address: report.reporter.address, language, thread_id: options.threadId ?? null };
}

/**
 * The case's address: the normalised one its words named, or, for a GPS point, the address the reporter gave with
 * it (an app's own address field says more than the nearest address point), else the nearest address to the point.
 */
function addressOf(report: InboundReport, place: Place | undefined): string | null {
  if (!place) return report.address ?? null;
  if (place.source !== 'geocoded' && report.address) return report.address;
  return place.address;
}

/**
 * The channel's details, marked simulated where it applies, with the resident's own words for the place when the
 * address was normalised, and for staff the English gloss of a report in another language (`gloss_en`, made from
 * the masked text so no phone number or email is kept in it; never shown publicly).
 */
function detailsOf(deps: IntakeInputDeps, report: InboundReport, place: Place | undefined, gloss: string | undefined): Record<string, unknown> {
  const details: Record<string, unknown> = { ...report.details };
  if (deps.simulatedChannels?.includes(report.channel)) details.simulated = true;
  if (place?.source === 'geocoded' && report.address && report.address !== place.address) details.address_text = report.address;
  if (gloss !== undefined) details.gloss_en = gloss;
  return details;
}
