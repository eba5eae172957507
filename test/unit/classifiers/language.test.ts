/** Language detection on the short, informal texts residents send. */
import { detectLanguage } from '../../../classifiers/language';

describe('detectLanguage', () => {
  it.each([
    'pothole on my street',
    'light out',
    'dead raccoon in the road',
    'THE TRASH WAS NOT PICKED UP',
    '@BOS311 graffiti on the bridge again #fixit',
    'yes hi im calling about a car thats been parked there for weeks',
  ])('reads "%s" as English', (text) => {
    expect(detectLanguage(text)).toBe('en');
  });

  it.each([
    'hay un bache en mi calle',
    'la luz no prende',
    'carro abandonado frente a mi casa hace 2 semanas',
    'NO RECOGIERON LA BASURA',
    '¿cuándo van a arreglar el semáforo?',
    'xfa q arreglen el hoyo d la esquina',
    'si hola llamo por un perro muerto en la calle',
  ])('reads "%s" as Spanish', (text) => {
    expect(detectLanguage(text)).toBe('es');
  });

  it('falls back to English when there is nothing to go on', () => {
    expect(detectLanguage('')).toBe('en');
    expect(detectLanguage('123 !!!')).toBe('en');
  });
});
