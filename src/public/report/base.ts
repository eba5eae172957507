import type { Request, Response } from 'express';
import type { AppContext } from '../../context';
import { type Refusal, retryAfterSeconds } from '../../rate-limits';
import { esc } from '../html';
import { fill, pickLanguage, strings } from '../i18n';
import { csrfToken } from './guard';
import { messagePage, type PageBase } from './report-page';

export function pageBase(ctx: AppContext, req: Request, res: Response): PageBase {
  return {
    lang: pickLanguage(req, ctx.locales),
    config: ctx.config,
    catalog: ctx.catalog,
    csrf: csrfToken(req, res, ctx.linkSecret, ctx.config.publicBaseUrl),
    locales: ctx.locales,
  };
}

/** 429 with Retry-After, in words a resident understands. */
export function tooMany(ctx: AppContext, req: Request, res: Response, v: Refusal): void {
  const lang = pickLanguage(req, ctx.locales);
  const t = strings(lang, ctx.locales);
  res
    .status(429)
    .set('Retry-After', retryAfterSeconds(v))
    .type('html')
    .send(
      messagePage(
        { lang, config: ctx.config, locales: ctx.locales },
        t.report.title,
        `<p role="alert">${esc(fill(t.errors.tooMany, { s: retryAfterSeconds(v), phone: ctx.config.city.phone }))}</p>`,
      ),
    );
}
