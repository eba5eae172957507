/**
 * A small language detector for the two languages intake311 converses in. Reports are short and
 * informal, so a general n-gram detector is unreliable here; function words and Spanish-only
 * characters are strong cues even in a five-word SMS.
 */
import type { Language } from '../src/domain/classifier';

const SPANISH_CUES = new Set(
  (
    'el la los las del que hay una uno por para con esta estan esto este muy mi mis su sus frente calle ' +
    'acera carro coche basura luz arbol ruido hace dias semanas desde donde cuando pero porque tambien ' +
    'favor gracias hola se lo al y es son nadie ya otra vez todo toda noche casa esquina enfrente ' +
    'roto rota tirado tirada lleno llena mucho mucha hoyo bache agua perro gato muerto'
  ).split(' '),
);
const ENGLISH_CUES = new Set(
  (
    'the is are an and of to in on at it this that there my our your for with from by has have been ' +
    'please not street car trash light tree noise since days weeks near front house corner again ' +
    'broken been out over under who what when where why thanks hi hello can you we they'
  ).split(' '),
);
/** Guesses 'es' or 'en' from word and character cues; English wins ties (the training language). */
export function detectLanguage(text: string): Language {
  const lower = text.toLowerCase();
  let spanish = /[ñ¿¡]/.test(lower) ? 2 : 0;
  spanish += (lower.match(/[áéíóú]/g) ?? []).length > 0 ? 1 : 0;
  let english = 0;
  for (const word of lower
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .split(/[^a-z]+/)) {
    if (SPANISH_CUES.has(word)) spanish++;
    if (ENGLISH_CUES.has(word)) english++;
  }
  return spanish > english ? 'es' : 'en';
}
