/** Text normalisation: what residents really send must reach the model as plain problem words. */
import { extractFeatures } from '../../../classifiers/features';
import { normalizeText } from '../../../classifiers/normalize';

describe('normalizeText', () => {
  it('drops @mentions, URLs and e-mail addresses but keeps the words around them', () => {
    expect(normalizeText('@BOS311 @CityOfBoston pothole here https://t.co/abc123 mail me at a.b@example.com')).toBe('pothole here mail me at');
  });

  it('turns hashtags into words, splitting CamelCase', () => {
    expect(normalizeText('#IllegalDumping again #pothole')).toBe('illegal dumping again pothole');
  });

  it('reads problem emoji as words and drops the rest', () => {
    expect(normalizeText('🕳️ on my street 😡🙏')).toBe('pothole on my street');
    expect(normalizeText('🌳 down 🚗')).toBe('tree down car');
  });

  it('expands SMS abbreviations in English and Spanish', () => {
    expect(normalizeText('pls fix the lite on my st thx')).toBe('please fix the light on my street thanks');
    expect(normalizeText('xfa q arreglen el bache')).toBe('por favor que arreglen el bache');
  });

  it('treats ALL CAPS like lowercase and folds Spanish accents', () => {
    expect(normalizeText('POTHOLE ON MY STREET!!!')).toBe(normalizeText('pothole on my street'));
    expect(normalizeText('SEÑAL de TRÁNSITO caída')).toBe('senal de transito caida');
  });

  it('removes house numbers and street names, in mixed case and in lowercase', () => {
    expect(normalizeText('Pothole in front of 1234 Main St. near the school')).toBe('pothole in front of near the school');
    expect(normalizeText('Light out on Tremont St')).toBe('light out on');
    expect(normalizeText('hole on tremont st by the school')).toBe('hole on by the school');
  });

  it('keeps descriptive words that are not street names', () => {
    expect(normalizeText('car parked on my street')).toBe('car parked on my street');
    expect(normalizeText('snow on icy road')).toBe('snow on icy road');
  });

  it('joins split spellings and reads a transit stop as a place, not a stop sign', () => {
    expect(normalizeText('pot hole by the street lamp')).toBe('pothole by the streetlight');
    expect(normalizeText('hole by the T stop')).toBe('hole by the busstop');
  });

  it('squeezes stretched letters and copes with a voice transcript with no punctuation', () => {
    expect(normalizeText('sooooo many potholesss')).toBe('soo many potholess');
    expect(normalizeText('yes hi um im calling about a tree that fell down on my car its blocking the road')).toBe(
      'yes hi um im calling about a tree that fell down on my car its blocking the road',
    );
  });

  it('gives a transcript and a punctuated SMS of the same report the same features', () => {
    expect(extractFeatures('Tree down, blocking the road!!', 'en')).toEqual(extractFeatures('tree down blocking the road', 'en'));
  });
});
