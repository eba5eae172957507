import type { Language } from '../../src/domain/classifier';
import type { CaseStatus } from '../../src/domain/types';

/**
 * Everything the SMS channel says inline (TwiML replies), in English and Spanish. Each text is kept to one or
 * two SMS segments (test/unit/sms/messages.test.ts checks), because residents on prepaid plans pay per segment.
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
}

/** Who answers (CITY_NAME) and the number a resident calls for a person (CITY_PHONE), from ChannelContext.config.city. */
export interface CityWords {
  name: string;
  phone: string;
}

const numbered = (categories: string[]) => categories.map((c, i) => `${i + 1} ${c}`).join('\n');

const en = (city: CityWords): SmsMessages => ({
  describe: 'What is the problem? Describe it in a few words, e.g. "pothole outside 12 Elm St". Text RESET to start over.',
  confirm: (c) => `Is this about: ${c}? Reply 1 for yes or 2 for something else.`,
  confirmRetry: (c) => `Please reply 1 if this is about ${c}, or 2 for something else.`,
  choose: (cs) => `Which fits best? Reply with a number:\n${numbered(cs)}`,
  chooseRetry: (cs) => `Please reply with a number from 1 to ${cs.length}:\n${numbered(cs)}`,
  askLocation: 'Where is it? Reply with a street address or cross streets (e.g. Elm St & Main St), or share your location.',
  confirmPlace: (a) => `${a}? Reply YES or send the right place.`,
  confirmPlaceRetry: (a) => `Is it at ${a}? Reply YES, or send the street address or cross streets.`,
  notAPlace: 'Sorry, we could not find that place. Reply with a street address or cross streets (e.g. Elm St & Main St), or share your location.',
  outsideCity: 'Sorry, that place is outside the city, so we cannot take this report here. Please contact the town it is in.',
  offerPhoto: 'Got it. Send a photo of the problem if you can, or reply 0 to send the report without one.',
  created: (id, c) => `Thanks! Your report (${c}) is #${id}. We will text you when it is updated. Text STATUS ${id} anytime.`,
  linked: (id, c) => `Thanks! This was already reported as #${id} (${c}). We will text you when it is updated. Text STATUS ${id} anytime.`,
  photoAdded: (id) => `Photo added to report #${id}. Thank you!`,
  detailAdded: (id) => `Added to report #${id}. Thank you! To report something else, send the problem and where it is.`,
  welcome: "You're welcome! Text STATUS for your latest report, or tell us about a new problem.",
  timedOut: 'Your earlier report timed out, so we started a new one.',
  timedOutAnswer: 'Your earlier report timed out. Please text the problem and where it is again.',
  help: `${city.name} 311 by text: tell us a problem (pothole, graffiti...) and where it is; we reply with a tracking number. To talk to someone, call ${city.phone}. EMERGENCY? Call 911. RESET starts over; STOP opts out.`,
  emergency: 'If this is an emergency, call 911 now. This number cannot send help.',
  optedIn: `You will get texts from ${city.name} 311 again. Text HELP for help, STOP to opt out.`,
  status: (id, c, s, notes) =>
    `Report #${id} (${c}): ${{ open: 'open', in_progress: 'in progress', closed: 'closed' }[s]}.${notes ? ` Note: ${notes}` : ''}`,
  statusUnknown: (id) => `We found no report #${id} for this phone. Check the number, or text FOLLOW ${id} to follow it.`,
  statusNone: 'We have no reports from this phone yet. Text the problem and where it is to make one.',
  followed: (id, c) => `You are now following report #${id} (${c}). We will text you when it is updated.`,
  followUnknown: (id) => `We found no report #${id}. Please check the number.`,
  reset: 'OK, we dropped that report. Text a new problem anytime.',
  languageSet: 'OK, we will continue in English.',
  privateNoted: 'OK, this report will be kept private: it will not appear on the public map or feed.',
  madePrivate: (id) => `Report #${id} is now private: it no longer appears on the public map or feed.`,
  privateHow: 'Text PRIVATE while making a report, or right after it, to keep it off the public map and feed.',
});

const es = (city: CityWords): SmsMessages => ({
  describe: '¿Cuál es el problema? Descríbalo en pocas palabras, p. ej. "bache frente al 12 Elm St".',
  confirm: (c) => `¿Se trata de: ${c}? Responda 1 para sí o 2 para otra cosa.`,
  confirmRetry: (c) => `Responda 1 si se trata de ${c}, o 2 para otra cosa.`,
  choose: (cs) => `¿Qué describe mejor el problema? Responda con un número:\n${numbered(cs)}`,
  chooseRetry: (cs) => `Responda con un número del 1 al ${cs.length}:\n${numbered(cs)}`,
  askLocation: '¿Dónde está? Responda con la dirección o las calles que cruzan (p. ej. Elm St y Main St), o comparta su ubicación.',
  confirmPlace: (a) => `¿${a}? Responda SÍ o envíe el lugar correcto.`,
  confirmPlaceRetry: (a) => `¿Es en ${a}? Responda SÍ, o envíe la dirección o las calles que cruzan.`,
  notAPlace: 'No encontramos ese lugar. Responda con la dirección o las calles que cruzan, o comparta su ubicación.',
  outsideCity: 'Lo sentimos, ese lugar está fuera de la ciudad y no podemos tomar el reporte. Contacte al municipio donde está.',
  offerPhoto: 'Entendido. Envíe una foto del problema si puede, o responda 0 para enviar el reporte sin foto.',
  created: (id, c) => `¡Gracias! Reporte #${id} (${c}). Le avisaremos. ESTADO ${id} para consultar.`,
  linked: (id, c) => `Ya estaba reportado: #${id} (${c}). Le avisaremos. ESTADO ${id} para consultar.`,
  photoAdded: (id) => `Foto añadida al reporte #${id}. ¡Gracias!`,
  detailAdded: (id) => `Añadido al reporte #${id}. ¡Gracias!`,
  welcome: '¡De nada! ESTADO para su último reporte, o escríbanos otro problema.',
  timedOut: 'Su reporte anterior caducó, así que empezamos uno nuevo.',
  timedOutAnswer: 'Su reporte anterior caducó. Escriba otra vez el problema y dónde está.',
  // Written without á, í, ó, ú so it stays in the GSM alphabet (two segments hold 306 characters, not 134) with room for the city.
  help: `${city.name} 311 por texto: escriba el problema y el lugar, y le enviamos un # de reporte. Para hablar con alguien, llame al ${city.phone}. ¿Emergencia? Llame al 911. BORRAR: empezar de nuevo. STOP: dejar de recibir.`,
  emergency: 'Si es una emergencia, llame al 911 ahora. Este número no puede enviar ayuda.',
  optedIn: `Volverá a recibir mensajes de ${city.name} 311. AYUDA para ayuda, STOP para no recibir más.`,
  status: (id, c, s, notes) =>
    `Reporte #${id} (${c}): ${{ open: 'abierto', in_progress: 'en curso', closed: 'cerrado' }[s]}.${notes ? ` Nota: ${notes}` : ''}`,
  statusUnknown: (id) => `No hay reporte #${id} para este teléfono. Revise el número, o escriba SEGUIR ${id} para seguirlo.`,
  statusNone: 'No hay reportes de este teléfono. Escriba el problema y dónde está para hacer uno.',
  followed: (id, c) => `Ahora sigue el reporte #${id} (${c}). Le avisaremos cuando cambie.`,
  followUnknown: (id) => `No encontramos el reporte #${id}. Revise el número.`,
  reset: 'De acuerdo, descartamos ese reporte. Escriba un problema nuevo cuando quiera.',
  languageSet: 'De acuerdo, seguimos en español.',
  privateNoted: 'Entendido: este reporte será privado y no saldrá en el mapa público.',
  madePrivate: (id) => `El reporte #${id} ahora es privado: ya no sale en el mapa público.`,
  privateHow: 'Escriba PRIVADO al hacer un reporte, o justo después, para que no sea público.',
});

/** The SMS texts in the resident's language, naming the city and its phone line (CITY_NAME, CITY_PHONE). */
export function messages(language: Language, city: CityWords): SmsMessages {
  return language === 'es' ? es(city) : en(city);
}
