import type { Language } from '../../src/domain/classifier';

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
  | { kind: 'opt_out' }
  | { kind: 'opt_in'; word: string }
  | { kind: 'help'; language?: Language }
  /** STATUS with a number, or alone ("status?"): the resident's latest case. */
  | { kind: 'status'; caseId?: number; language?: Language }
  | { kind: 'follow'; caseId: number; language?: Language }
  | { kind: 'reset'; language?: Language }
  | { kind: 'language'; language: Language }
  /** Keep my report off the public map and feeds. */
  | { kind: 'private'; language?: Language };

/** Twilio's default opt-out words for long codes (Twilio's "Advanced Opt-Out" documentation). */
export const OPT_OUT_WORDS = ['stop', 'stopall', 'unsubscribe', 'cancel', 'end', 'quit', 'revoke', 'optout'];
/** Twilio's default opt-in words. YES doubles as an answer: it only opts in a phone that had opted out. */
export const OPT_IN_WORDS = ['start', 'unstop', 'yes'];

const HELP: Record<string, Language | undefined> = { help: 'en', info: undefined, ayuda: 'es' };
const RESET: Record<string, Language | undefined> = { reset: 'en', restart: 'en', cancelar: 'es', borrar: 'es', reiniciar: 'es' };
const LANGUAGE: Record<string, Language> = { espanol: 'es', spanish: 'es', english: 'en', ingles: 'en' };
const STATUS: Record<string, Language> = { status: 'en', estado: 'es' };
const FOLLOW: Record<string, Language> = { follow: 'en', seguir: 'es' };
const PRIVATE: Record<string, Language> = { private: 'en', 'keep private': 'en', 'make private': 'en', privado: 'es', privada: 'es' };

/** Lower case, no accents, single spaces, no surrounding punctuation: how keywords and answers are compared. */
export function normalize(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/^[\s"'“”‘’¡¿.,!?:;-]+|[\s"'“”‘’.,!?:;-]+$/g, '');
}

/** The keyword a message is, if it is one. */
export function parseKeyword(body: string): Keyword | undefined {
  const t = normalize(body);
  if (OPT_OUT_WORDS.includes(t) || t === 'stop all') return { kind: 'opt_out' };
  if (OPT_IN_WORDS.includes(t)) return { kind: 'opt_in', word: t };
  if (t in HELP) return { kind: 'help', language: HELP[t] };
  if (t in RESET) return { kind: 'reset', language: RESET[t] };
  if (t in LANGUAGE) return { kind: 'language', language: LANGUAGE[t] };
  if (t in PRIVATE) return { kind: 'private', language: PRIVATE[t] };
  if (t in STATUS || t === 'status update' || t === 'any update' || t === 'any updates') return { kind: 'status', language: STATUS[t] ?? 'en' };
  const withNumber = /^([a-z]+) ?(?:#|no\.? ?|num\.? ?)?(\d{1,12})$/.exec(t);
  if (withNumber) {
    const [, word, digits] = withNumber;
    const caseId = Number(digits);
    if (word in STATUS) return { kind: 'status', caseId, language: STATUS[word] };
    if (word in FOLLOW) return { kind: 'follow', caseId, language: FOLLOW[word] };
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

/** True when the message mentions an emergency: the resident is told to call 911 before anything else. */
export function isEmergency(body: string): boolean {
  const t = normalize(body);
  return EMERGENCY.some((re) => re.test(t));
}
