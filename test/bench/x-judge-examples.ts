/**
 * Turns labelled tweets into what the X judge sees, exactly as the channel does: cleaned words, the place the
 * geocoder finds in them, the rules' verdict and the model's features. Shared by the trainer and the evaluation.
 */
import { judgeMention, mentionFeatures, type ReportVerdict, ruleVerdict } from '../../channels/twitter/is-report';
import { placeInWords } from '../../channels/twitter/mention-place';
import type { PlacesPort } from '../../src/channels/port';
import type { Language } from '../../src/domain/classifier';
import { loadGeoData } from '../../src/geo/create-geocoder';
import { LocalGeocoder } from '../../src/geo/local-geocoder';
import { placesPort } from '../../src/geo/places';
import { type cityJudge, cleanTweetText, isRetweet } from './x-tweets';

export interface Seen {
  text: string;
  retweet: boolean;
  /** The rules alone. */
  rules: ReportVerdict;
  /** The rules and the shipped model, as the channel decides. */
  verdict: ReportVerdict;
  features: string[];
  /** The rules decided alone (empty, thanks, the city's kind of post, a retweet): the model is not asked. */
  final: boolean;
  address?: string;
  placeAddress?: string;
  /** What the word parser took for a street that the geocoder does not know (not stored). */
  droppedWords?: string;
  language: Language;
}

export function bostonPlaces(): PlacesPort {
  return placesPort(new LocalGeocoder(loadGeoData()));
}

export async function seeTweet(raw: string, city: ReturnType<typeof cityJudge>, places: PlacesPort): Promise<Seen> {
  const text = cleanTweetText(raw);
  const language = city.advisor.detectLanguage(text);
  if (isRetweet(raw)) {
    const no = { report: false };
    return { text, retweet: true, rules: no, verdict: no, features: [], final: true, language };
  }
  const where = await placeInWords(places, text, language);
  const signals = { hasPhotos: false, hasAddress: Boolean(where.place || where.address), language };
  const rules = ruleVerdict(text, raw, signals, city.judge);
  const final = ['empty', 'thanks', 'city announcement'].includes(rules.reason ?? '');
  return {
    text,
    retweet: false,
    rules,
    verdict: judgeMention(text, raw, signals, city.judge),
    features: mentionFeatures(text, raw, signals, city.judge, rules),
    final,
    address: where.address,
    placeAddress: where.place?.address,
    droppedWords: where.notPlace,
    language,
  };
}
