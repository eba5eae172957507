import type { Language } from '../../src/domain/classifier';
import type { Locales } from '../../src/domain/locale';
import type { CaseStatus } from '../../src/domain/types';

/**
 * Everything the SMS channel says inline (TwiML replies), in the resident's language: the `sms` section of its
 * locale file. Each text is kept to two SMS segments at most, Spanish to one where it can be
 * (test/unit/sms/segments.test.ts checks every locale), because residents on prepaid plans pay per segment.
 * Later notifications (status changes, closure) are the outbound publisher's templates, not these.
 */
export interface SmsMessages {
  describe: string;
  confirm(category: string): string;
  confirmRetry(category: string): string;
  choose(categories: string[]): string;
  chooseRetry(categories: string[]): string;
  askLocation: string;
  /** The place we understood, asked once: "12 Elm St, Dorchester? Reply YES or send the right place." */
  confirmPlace(address: string): string;
  confirmPlaceRetry(address: string): string;
  /** The answer to "where is it?" names no place we know ("idk", "my house"). */
  notAPlace: string;
  /** The place is outside the city: no case. */
  outsideCity: string;
  offerPhoto: string;
  created(id: number, category: string): string;
  linked(id: number, category: string): string;
  photoAdded(id: number): string;
  /** A detail sent right after the tracking number, added to that report. */
  detailAdded(id: number): string;
  /** A thank-you with no report under way. */
  welcome: string;
  timedOut: string;
  timedOutAnswer: string;
  help: string;
  emergency: string;
  optedIn: string;
  status(id: number, category: string, status: CaseStatus, notes: string | null): string;
  statusUnknown(id: number): string;
  /** A bare "status?" from a phone with no reports. */
  statusNone: string;
  followed(id: number, category: string): string;
  followUnknown(id: number): string;
  reset: string;
  languageSet: string;
  /** PRIVATE during a report. */
  privateNoted: string;
  /** PRIVATE right after a report: that case is now private. */
  madePrivate(id: number): string;
  /** PRIVATE with no report to apply it to. */
  privateHow: string;
  /** A locale's own opt-out word (Twilio's STOP is Twilio's): we stop texting this phone. */
  optedOut: string;
}

/** Who answers (CITY_NAME) and the number a resident calls for a person (CITY_PHONE), from ChannelContext.config.city. */
export interface CityWords {
  name: string;
  phone: string;
}

const numbered = (categories: string[]) => categories.map((c, i) => `${i + 1} ${c}`).join('\n');

/** The SMS texts in the resident's language, naming the city and its phone line (CITY_NAME, CITY_PHONE). */
export function messages(locales: Locales, language: Language, city: CityWords): SmsMessages {
  const t = locales.in(language, 'sms');
  const c = { city: city.name, phone: city.phone };
  return {
    describe: t('describe'),
    confirm: (category) => t('confirm', { category }),
    confirmRetry: (category) => t('confirmRetry', { category }),
    choose: (cs) => t('choose', { choices: numbered(cs), count: cs.length }),
    chooseRetry: (cs) => t('chooseRetry', { choices: numbered(cs), count: cs.length }),
    askLocation: t('askLocation'),
    confirmPlace: (address) => t('confirmPlace', { address }),
    confirmPlaceRetry: (address) => t('confirmPlaceRetry', { address }),
    notAPlace: t('notAPlace'),
    outsideCity: t('outsideCity'),
    offerPhoto: t('offerPhoto'),
    created: (id, category) => t('created', { id, category }),
    linked: (id, category) => t('linked', { id, category }),
    photoAdded: (id) => t('photoAdded', { id }),
    detailAdded: (id) => t('detailAdded', { id }),
    welcome: t('welcome'),
    timedOut: t('timedOut'),
    timedOutAnswer: t('timedOutAnswer'),
    help: t('help', c),
    emergency: t('emergency'),
    optedIn: t('optedIn', c),
    optedOut: t('optedOut', c),
    status: (id, category, status, notes) => {
      const text = t('status', { id, category, status: t(`statuses.${status}`) });
      return notes ? `${text} ${t('note', { notes })}` : text;
    },
    statusUnknown: (id) => t('statusUnknown', { id }),
    statusNone: t('statusNone'),
    followed: (id, category) => t('followed', { id, category }),
    followUnknown: (id) => t('followUnknown', { id }),
    reset: t('reset'),
    languageSet: t('languageSet'),
    privateNoted: t('privateNoted'),
    madePrivate: (id) => t('madePrivate', { id }),
    privateHow: t('privateHow'),
  };
}
