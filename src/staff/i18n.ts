import type { Request, Response } from 'express';
import type { Language } from '../domain/classifier';
import { EN, type StaffText } from './i18n-en';
import { ES } from './i18n-es';

export type { StaffText };

/** Fills `{name}` placeholders. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_m, k: string) => String(values[k] ?? ''));
}

/**
 * The console's language: `?lang=` (remembered in a cookie), else the cookie, else English. Staff pick it
 * once; it does not follow the browser so screenshots and training material match.
 */
export function staffLanguage(req: Request, res: Response): Language {
  const asked = typeof req.query.lang === 'string' ? req.query.lang : undefined;
  if (asked === 'en' || asked === 'es') {
    res.append('Set-Cookie', `i311_lang=${asked}; Path=/staff; SameSite=Lax; Max-Age=31536000`);
    return asked;
  }
  return /(?:^|;\s*)i311_lang=es(?:;|$)/.test(req.get('cookie') ?? '') ? 'es' : 'en';
}

export function staffText(lang: Language): StaffText {
  return lang === 'es' ? ES : EN;
}
