/**
 * Messages per report over scripted SMS conversations, printed by `npm run eval:channels`.
 *
 * Each script is a first text written the way residents text 311 (our own paraphrases, not real residents' words)
 * and how that resident answers: the right category when offered one, the place when asked where, YES to the place
 * read back, no photo. The conversation runs through the SMS channel's own decisions (conversation.ts) with the
 * Boston geocoder and the real classifier, and counts the resident's texts until the report is filed.
 */
import { advance, type ConversationDeps, type Decision, type SmsState, start } from '../../channels/sms/conversation';
import { placeIn } from '../../channels/sms/handle-message';
import { loadClassifier } from '../../classifiers/index';
import { loadCatalog } from '../../src/catalog/catalog';
import { loadLocales } from '../../src/i18n';
import { categoryAdvisor } from '../../src/intake/category-advisor';
import { bostonPlaces } from './x-judge-examples';

interface Script {
  first: string;
  category: string;
  /** What the resident answers "where is it?" with. */
  place: string;
}

const SCRIPTS: Script[] = [
  { first: 'big pothole outside 12 Elm St', category: 'pothole', place: '12 Elm St' },
  { first: 'streetlight out on East St, dark all week', category: 'streetlight', place: 'East St' },
  { first: 'someone dumped a mattress at Bliss and Broadway', category: 'litter-dumping', place: 'Bliss St and Broadway' },
  { first: 'graffiti all over the mailbox at 55 Broadway', category: 'graffiti', place: '55 Broadway' },
  { first: 'trash wasnt picked up on Adams St today', category: 'trash-collection', place: 'Adams St' },
  { first: 'car parked in the bike lane on Boylston St at Dartmouth', category: 'illegal-parking', place: 'Boylston St and Dartmouth St' },
  { first: 'sidewalk not shoveled in front of 30 Centre St', category: 'snow-ice', place: '30 Centre St' },
  { first: 'dead raccoon in the road on Washington St near Forest Hills', category: 'dead-animal', place: 'Washington St and Hyde Park Ave' },
  { first: 'the walk signal at Mass Ave and Columbus is broken', category: 'sign-signal', place: 'Massachusetts Ave and Columbus Ave' },
  { first: 'big tree branch down blocking Centre St in JP', category: 'tree', place: '700 Centre St' },
  { first: 'loud party every night at 8 Fairfield St', category: 'noise', place: '8 Fairfield St' },
  { first: 'hydrant leaking water all over Dorchester Ave at Savin Hill Ave', category: 'water-sewer', place: 'Dorchester Ave and Savin Hill Ave' },
  { first: 'swings broken at the playground', category: 'parks', place: 'Ringer Park' },
  { first: 'pothole', category: 'pothole', place: '40 Beacon St' },
  { first: 'there is a car with no plates sitting on Harvard St for 3 weeks', category: 'abandoned-vehicle', place: 'Harvard St' },
  { first: 'cracked sidewalk in front of 100 Tremont St, someone will trip', category: 'street-sidewalk', place: '100 Tremont St' },
  { first: 'hay un bache enorme en la calle Elm 12', category: 'pothole', place: '12 Elm St' },
  { first: 'la luz de la calle no funciona en East St', category: 'streetlight', place: 'East St' },
  { first: 'needles on the sidewalk near 363 Mass Ave', category: 'litter-dumping', place: '363 Massachusetts Ave' },
  { first: 'stop sign knocked down at Park St and Tremont St', category: 'sign-signal', place: 'Park St and Tremont St' },
];

/** The resident's answer to what the conversation asks. */
function answer(s: SmsState, script: Script): string {
  switch (s.step) {
    case 'confirm':
      return s.suggested === script.category ? '1' : '2';
    case 'choose': {
      const at = s.choices!.indexOf(script.category);
      return String(at >= 0 ? at + 1 : s.choices!.length);
    }
    case 'location':
      return script.place;
    case 'place':
      return 'yes';
    case 'photo':
      return '0';
    default:
      return script.first;
  }
}

export interface SmsFigures {
  conversations: number;
  reports: number;
  messagesPerReport: number;
  /** Reports filed from the first text alone, or with one more answering the place read back. */
  inOneExchange: number;
  /** "Where is it?" asked although an earlier text had named the place. */
  whereAskedAgain: number;
}

export async function smsFigures(): Promise<SmsFigures> {
  const catalog = loadCatalog();
  const categories = categoryAdvisor(catalog, loadClassifier());
  const places = bostonPlaces();
  const deps: ConversationDeps = { categories, catalog, city: { name: 'Boston', phone: '311' }, locales: loadLocales() };
  let messages = 0;
  let reports = 0;
  let inOneExchange = 0;
  let whereAskedAgain = 0;
  for (const script of SCRIPTS) {
    const language = categories.detectLanguage(script.first);
    let sent = 1;
    let d: Decision = start(deps, language, { text: script.first, media: [], place: await placeIn(places, script.first) });
    while (d.kind === 'ask' && sent < 12) {
      if (d.state.step === 'location' && d.state.place) whereAskedAgain++;
      const text = answer(d.state, script);
      sent++;
      d = advance(deps, d.state, { text, media: [], place: await placeIn(places, text) });
    }
    messages += sent;
    if (d.kind === 'submit') {
      reports++;
      if (sent <= 2) inOneExchange++;
    }
    if (process.argv.includes('--show-sms')) console.log(`    ${sent} texts: ${script.first}`);
  }
  return { conversations: SCRIPTS.length, reports, messagesPerReport: reports ? messages / reports : Number.NaN, inOneExchange, whereAskedAgain };
}
