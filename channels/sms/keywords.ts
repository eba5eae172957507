import type { Language } from '../../src/domain/classifier';
import type { Locales } from '../../src/domain/locale';

/**
 * Commands a resident can text at any point of a conversation. A keyword is the whole message (as Twilio
 * matches its own opt-out words): "stop" is a command, "stop sign knocked down" is a report.
 *
 * CANCEL is one of Twilio's default opt-out words on long codes: Twilio blocks every later message to that
 * phone until it texts START. We therefore treat CANCEL as what it really does, an opt-out (and the
 * conversation is dropped with it), rather than pretend it only abandons the report. To drop a report and
 * keep receiving texts, residents use RESET (or CANCELAR / BORRAR in Spanish), which HELP does not need to teach:
 * an abandoned conversation also simply times out.
 */
export type Keyword =
  /** Twilio's own opt-out words (Twilio blocks later texts itself), or, with `language`, a locale's own (it does not). */
  | { kind: 'opt_out'; language?: Language }
  | { kind: 'opt_in'; word: string }
  | { kind: 'help'; languages: Language[] }
  /** STATUS with a number, or alone ("status?"): the resident's latest case. */
  | { kind: 'status'; caseId?: number; languages: Language[] }
  | { kind: 'follow'; caseId: number; languages: Language[] }
  | { kind: 'reset'; languages: Language[] }
  | { kind: 'language'; language: Language }
  /** Keep my report off the public map and feeds. */
  | { kind: 'private'; languages: Language[] };

/** Twilio's default opt-out words for long codes (Twilio's "Advanced Opt-Out" documentation). */
export const OPT_OUT_WORDS = ['stop', 'stopall', 'unsubscribe', 'cancel', 'end', 'quit', 'revoke', 'optout'];
/** Twilio's default opt-in words. YES doubles as an answer: it only opts in a phone that had opted out. */
export const OPT_IN_WORDS = ['start', 'unstop', 'yes'];

/** Lower case, no accents, single spaces, no surrounding punctuation: how keywords and answers are compared. */
export function normalize(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/^[\s"'“”‘’«»「」¡¿.,!?:;。！？，、-]+|[\s"'“”‘’«»「」.,!?:;。！？，、-]+$/g, '');
}

type Command = 'stop' | 'help' | 'status' | 'follow' | 'reset' | 'private';
interface KeywordTable {
  words: Map<string, { command: Command; languages: Language[] }>;
  switches: Map<string, Language>;
}

const tables = new WeakMap<Locales, KeywordTable>();

/** Every enabled locale's keywords and switch words, normalized; a word two locales share names both. */
function tableOf(locales: Locales): KeywordTable {
  let table = tables.get(locales);
  if (table) return table;
  table = { words: new Map(), switches: new Map() };
  for (const code of locales.codes) {
    const meta = locales.meta(code);
    for (const command of ['stop', 'help', 'status', 'follow', 'reset', 'private'] as const) {
      for (const word of meta.keywords[command]) {
        const key = normalize(word);
        const entry = table.words.get(key);
        if (!entry) table.words.set(key, { command, languages: [code] });
        else if (entry.command === command && !entry.languages.includes(code)) entry.languages.push(code);
      }
    }
    for (const word of meta.switch) {
      const key = normalize(word);
      if (!table.switches.has(key)) table.switches.set(key, code);
    }
  }
  tables.set(locales, table);
  return table;
}

/** The keyword a message is, if it is one, in any enabled language. */
export function parseKeyword(body: string, locales: Locales): Keyword | undefined {
  const t = normalize(body);
  if (OPT_OUT_WORDS.includes(t) || t === 'stop all') return { kind: 'opt_out' };
  if (OPT_IN_WORDS.includes(t)) return { kind: 'opt_in', word: t };
  const table = tableOf(locales);
  const switched = table.switches.get(t);
  if (switched) return { kind: 'language', language: switched };
  const found = table.words.get(t);
  if (found) {
    const { command, languages } = found;
    if (command === 'stop') return { kind: 'opt_out', language: languages[0] };
    if (command !== 'follow') return { kind: command, languages };
  }
  const withNumber = /^(.+?) ?(?:#|no\.? ?|num\.? ?)?(\d{1,12})$/u.exec(t);
  if (withNumber) {
    const [, word, digits] = withNumber;
    const entry = table.words.get(word.trim());
    const caseId = Number(digits);
    if (entry?.command === 'status') return { kind: 'status', caseId, languages: entry.languages };
    if (entry?.command === 'follow') return { kind: 'follow', caseId, languages: entry.languages };
  }
  return undefined;
}

/**
 * Words that mean someone may be in danger now. Kept to phrases, with the common non-emergencies around
 * "fire" excluded (a fire hydrant leak or a fire lane blocked are ordinary 311 reports).
 */
const EMERGENCY = [
  /\bfire\b(?! ?(?:hydrant|hydrants|station|escape|lane|lanes|department|dept|dept\.|house|pit|alarm box|works|truck))/,
  /\bon fire\b/,
  /\bgas leak/,
  /\bsmell(?:s|ing)? (?:of |like )?gas\b/,
  /\b(?:someone|somebody|person|man|woman|child|kid|people)(?: is| are|'s)? (?:hurt|injured|bleeding|unconscious|down|not breathing)\b/,
  /\b(?:not breathing|heart attack|overdose|shots fired|shooting|stabbed|stabbing|bleeding)\b/,
  /\b(?:fuego|incendio|incendios|se quema)\b/,
  /\b(?:fuga|escape) de gas\b/,
  /\b(?:olor a|huele a) gas\b/,
  /\b(?:herido|herida|heridos|heridas|lastimado|lastimada|sangrando|inconsciente|no respira|disparos|balacera|ataque al corazon|sobredosis)\b/,
  // Live electricity, crashes, and water with people in it.
  /\b(?:wires?|power ?lines?|cables?) (?:down|are down|is down|on the ground|sparking|arcing|on fire|hanging)\b/,
  /\b(?:downed|fallen|sparking|live) (?:wires?|power ?lines?|lines?|cables?)\b/,
  /\b(?:sparks?|sparking) (?:from|on|coming)\b/,
  /\b(?:wires?|power ?lines?|cables?)\b[^.!?]{0,30}\b(?:are|is|keeps?) (?:sparking|arcing|smoking|on fire)\b/,
  /\b(?:flood\w*|water)\b[^.!?]{0,60}\b(?:people|someone|somebody|kids?|children|a person|a man|a woman)\b[^.!?]{0,20}\b(?:stuck in (?:their|the|a|his|her) cars?|in danger|can'?t get out|cannot get out)\b/,
  /\b(?:car|auto|vehicle|bus|truck|bike|bicycle|motorcycle) (?:crash|accident|wreck)\b|\b(?:crash|accident|wreck) with (?:injur|someone|people|a person)\b|\bhit by a (?:car|bus|truck)\b/,
  /\b(?:trapped|drowning|swept away)\b/,
  /\b(?:cables?|alambres?) (?:caidos?|sueltos?|en el suelo|echando chispas|con chispas)\b|\b(?:echando|saltan|salen) chispas\b/,
  /\bchispas\b[^.!?]{0,20}\b(?:cables?|alambres?|poste)\b/,
  /\b(?:inundaci[oó]n|inundad[oa]s?|agua)\b[^.!?]{0,60}\b(?:gente|personas?|alguien|ni[nñ]os?)\b[^.!?]{0,30}\b(?:atrapad[oa]s?|en peligro|no (?:puede|pueden) salir)\b/,
  /\b(?:choque|accidente) (?:de (?:carro|auto|coche|transito)|con heridos)\b|\batropell(?:ado|ada|aron)\b/,
  /\b(?:atrapado|atrapada|atrapados|ahogando|se ahoga)\b/,
];

const localEmergency = new WeakMap<Locales, RegExp | null>();

/** The enabled languages' emergency words as one pattern: whole words in spaced scripts, anywhere in Chinese. */
function emergencyPattern(locales: Locales): RegExp | null {
  if (localEmergency.has(locales)) return localEmergency.get(locales)!;
  const literal = (w: string) =>
    w
      .toLowerCase()
      .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
      .replace(/\s+/g, '\\s+');
  const words = locales.codes.flatMap((c) => locales.meta(c).keywords.emergency);
  const han = words.filter((w) => /\p{Script=Han}/u.test(w)).map(literal);
  const spaced = words.filter((w) => !/\p{Script=Han}/u.test(w)).map(literal);
  const parts = [...(spaced.length ? [`(?<![\\p{L}\\p{M}])(?:${spaced.join('|')})(?![\\p{L}\\p{M}])`] : []), ...(han.length ? [han.join('|')] : [])];
  const pattern = parts.length ? new RegExp(parts.join('|'), 'u') : null;
  localEmergency.set(locales, pattern);
  return pattern;
}

/** True when the message mentions an emergency, in any enabled language: the resident is told to call 911 before anything else. */
export function isEmergency(body: string, locales?: Locales): boolean {
  const t = normalize(body);
  if (EMERGENCY.some((re) => re.test(t))) return true;
  const local = locales ? emergencyPattern(locales) : null;
  return local ? local.test(body.normalize('NFC').toLowerCase()) : false;
}
