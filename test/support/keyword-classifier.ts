import type { Classifier, Language, Suggestion } from '../../src/domain/classifier';

/**
 * A small, predictable classifier for tests of the core: it matches a few words per code. Tests of
 * intake decisions (confident or not) need to know exactly what the model will say.
 */
export class KeywordClassifier implements Classifier {
  readonly version = 'test-keywords';
  /** `extra`: more words per code, for tests whose residents talk of other things (their words are added after these). */
  constructor(private readonly extra: Record<string, string[]> = {}) {}

  private readonly base: Record<string, string[]> = {
    pothole: ['pothole', 'bache', 'hole'],
    graffiti: ['graffiti', 'grafiti'],
    streetlight: ['streetlight', 'light'],
    'illegal-parking': ['parked', 'parking'],
    'abandoned-vehicle': ['abandoned', 'abandonado'],
  };

  classify(text: string): Suggestion[] {
    const t = text.toLowerCase();
    const words = { ...this.base };
    for (const [code, ws] of Object.entries(this.extra)) words[code] = [...(words[code] ?? []), ...ws];
    const hits = Object.entries(words)
      .map(([code, ws]) => ({ code, n: ws.filter((w) => t.includes(w)).length }))
      .filter((h) => h.n > 0)
      .sort((a, b) => b.n - a.n);
    if (!hits.length) return [{ service_code: 'other', confidence: 0.3 }];
    return hits.map((h, i) => ({ service_code: h.code, confidence: i === 0 ? 0.9 : 0.05 }));
  }

  detectLanguage(text: string): Language {
    return /\b(el|la|hay|un|una|frente|calle|bache|carro)\b/i.test(text) ? 'es' : 'en';
  }

  isConfident(s: Suggestion[]): boolean {
    return (s[0]?.confidence ?? 0) >= 0.6;
  }
}
