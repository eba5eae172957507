import type { Language } from '../../src/domain/classifier';

/** Everything the caller hears, in both languages. Kept short: callers cannot scroll back. */
export interface Prompts {
  describe: string;
  describeNoTone: string;
  notHeard: string;
  notUnderstood: string;
  offerMessage: string;
  noMessage: string;
  askAddress: string;
  askStreet: string;
  heardAddress: (address: string) => string;
  oneMoment: string;
  suggested: (name: string) => string;
  choose: string;
  option: (name: string, digit: number) => string;
  somethingElse: string;
  staffWillCategorise: string;
  trackingNumber: (digits: string) => string;
  trackingAgain: (digits: string) => string;
  offerUpdates: string;
  willText: string;
  /** After the tracking number: the caller may keep the report off the public map. */
  offerPrivate: string;
  keptPrivate: string;
  goodbye: string;
  /** Something failed on our side (the database is down): nothing was filed, call again later. */
  tryLater: string;
  /** The calling number has called too often in a short time. */
  tooManyCalls: string;
}

/**
 * The greeting plays in both languages before the caller has chosen one; it names the city (CITY_NAME), so a
 * caller knows they reached the right service. "3 1 1" is spelled out so the voice says digits, not a number.
 */
export function greeting(cityName: string): { en: string; es: string } {
  return {
    en: `Thank you for calling ${cityName} 3 1 1. If this is an emergency, hang up and dial 9 1 1. For English, press 1.`,
    es: 'Si es una emergencia, cuelgue y marque 9 1 1. Para español, oprima 2.',
  };
}

export const PROMPTS: Record<Language, Prompts> = {
  en: {
    describe: 'After the tone, describe the problem and where it is. Press pound when done.',
    describeNoTone: 'Describe the problem and where it is. Press pound when done.',
    notHeard: 'Sorry, we did not hear anything.',
    notUnderstood: 'Sorry, we could not understand your message.',
    offerMessage: 'You can leave a message and our staff will file it for you. After the tone, leave your message, then hang up or press pound.',
    noMessage: 'We did not receive a message. Please call again or text us. Goodbye.',
    askAddress: 'Now say the address or the nearest intersection. Or type the house number and press pound.',
    askStreet: 'Now say the street name.',
    heardAddress: (a) => `We heard: ${a}. If that is right, press 1. To say it again, press 2.`,
    oneMoment: 'One moment while we listen to your message.',
    suggested: (name) => `It sounds like this is about: ${name}. If that is right, press 1.`,
    choose: 'Which best describes the problem?',
    option: (name, digit) => `For ${name}, press ${digit}.`,
    somethingElse: 'For something else, press 9.',
    staffWillCategorise: 'Our staff will listen to your message and choose the right department.',
    trackingNumber: (d) => `Thank you. Your report is filed. Your tracking number is: ${d}.`,
    trackingAgain: (d) => `Again, your tracking number is: ${d}.`,
    offerUpdates: 'To get updates by text message to this phone number, press 1.',
    willText: 'We will send you a text message when your report is updated.',
    offerPrivate: 'To keep this report off the public map, press 2.',
    keptPrivate: 'Your report will be kept private. It will not appear on the public map.',
    goodbye: 'Thank you for calling. Goodbye.',
    tryLater: 'Sorry, we cannot take your report just now. Please try again in a few minutes. Goodbye.',
    tooManyCalls: 'We have received many calls from this number in a short time. Please try again later. Goodbye.',
  },
  es: {
    describe: 'Después del tono, describa el problema y dónde está. Oprima la tecla numeral al terminar.',
    describeNoTone: 'Describa el problema y dónde está. Oprima la tecla numeral al terminar.',
    notHeard: 'Lo sentimos, no escuchamos nada.',
    notUnderstood: 'Lo sentimos, no pudimos entender su mensaje.',
    offerMessage: 'Puede dejar un mensaje y nuestro personal lo registrará. Después del tono, deje su mensaje y luego cuelgue u oprima numeral.',
    noMessage: 'No recibimos ningún mensaje. Por favor llame de nuevo o envíenos un texto. Adiós.',
    askAddress: 'Ahora diga la dirección o la intersección más cercana. O marque el número de la casa y oprima numeral.',
    askStreet: 'Ahora diga el nombre de la calle.',
    heardAddress: (a) => `Escuchamos: ${a}. Si es correcto, oprima 1. Para decirlo de nuevo, oprima 2.`,
    oneMoment: 'Un momento mientras escuchamos su mensaje.',
    suggested: (name) => `Parece que se trata de: ${name}. Si es correcto, oprima 1.`,
    choose: '¿Qué describe mejor el problema?',
    option: (name, digit) => `Para ${name}, oprima ${digit}.`,
    somethingElse: 'Para otra cosa, oprima 9.',
    staffWillCategorise: 'Nuestro personal escuchará su mensaje y elegirá el departamento correcto.',
    trackingNumber: (d) => `Gracias. Su reporte quedó registrado. Su número de seguimiento es: ${d}.`,
    trackingAgain: (d) => `Repetimos, su número de seguimiento es: ${d}.`,
    offerUpdates: 'Para recibir avisos por mensaje de texto a este número, oprima 1.',
    willText: 'Le enviaremos un mensaje de texto cuando su reporte se actualice.',
    offerPrivate: 'Para que este reporte no aparezca en el mapa público, oprima 2.',
    keptPrivate: 'Su reporte será privado. No aparecerá en el mapa público.',
    goodbye: 'Gracias por llamar. Adiós.',
    tryLater: 'Lo sentimos, no podemos recibir su reporte en este momento. Inténtelo de nuevo en unos minutos. Adiós.',
    tooManyCalls: 'Hemos recibido muchas llamadas de este número en poco tiempo. Inténtelo más tarde. Adiós.',
  },
};

/** A number read digit by digit ("1, 0, 0, 0, 4, 2"): text-to-speech would otherwise say "one hundred thousand...". */
export function digitByDigit(n: number | string): string {
  return String(n).split('').join(', ');
}
