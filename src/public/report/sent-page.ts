import type { Request, Response } from 'express';
import type { AppContext } from '../../context';
import { SITE_CHANNEL } from '../../domain/types';
import { esc } from '../html';
import { fill, pickLanguage, strings } from '../i18n';
import { formIdOf } from './guard';
import { messagePage } from './report-page';
import type { SentReply } from './submit';

/**
 * GET /report/sent/{form}: the tracking number of the report a form filed, for the browser that filed it (the form
 * id is random and only that page had it), a link to its page, and how the confirmation comes.
 */
export function sentPage(ctx: AppContext) {
  return async (req: Request, res: Response): Promise<void> => {
    const lang = pickLanguage(req, ctx.locales);
    const t = strings(lang);
    const form = formIdOf(req.params.form);
    const stored = form ? await ctx.port.inbound.stored<SentReply>(SITE_CHANNEL, `report:${form}`) : undefined;
    const outcome = stored?.outcome;
    res.set('Cache-Control', 'no-store');
    if (!outcome || (outcome.kind !== 'created' && outcome.kind !== 'linked')) {
      res
        .status(404)
        .type('html')
        .send(
          messagePage(
            { lang, config: ctx.config, locales: ctx.locales },
            t.report.title,
            `<p>404</p><p><a href="/report?lang=${lang}">${esc(t.report.another)}</a></p>`,
          ),
        );
      return;
    }
    const c = outcome.case;
    const id = c.service_request_id;
    const how = (stored.reply?.confirmations ?? []).map((ch) => t.via[ch]).join(t.report.and);
    const lines = [
      outcome.kind === 'linked' ? `<p>${esc(fill(t.report.linkedText, { id }))}</p>` : '',
      `<p class="tracking">${esc(t.report.tracking)} <strong id="tracking-number">${id}</strong></p>`,
      c.public ? `<p><a href="/cases/${id}?lang=${lang}">${esc(fill(t.report.viewCase, { id }))}</a></p>` : `<p>${esc(t.report.privateNote)}</p>`,
      `<p id="confirmation">${esc(how ? fill(t.report.confirmation, { how }) : t.report.noContact)}</p>`,
      `<p><a href="/report?lang=${lang}">${esc(t.report.another)}</a></p>`,
    ];
    res
      .type('html')
      .send(
        messagePage(
          { lang, config: ctx.config, locales: ctx.locales },
          outcome.kind === 'linked' ? t.report.linkedTitle : t.report.sentTitle,
          lines.join('\n'),
        ),
      );
  };
}
