import { type Request, type RequestHandler, type Response, Router } from 'express';
import { verifiedValue } from '../../channels/signed-link';
import type { AppContext } from '../../context';
import type { Language } from '../../domain/classifier';
import { deactivateSubscription } from '../../storage/subscriptions-repo';
import { esc } from '../html';
import { fill, pickLanguage, strings } from '../i18n';
import { messagePage } from './report-page';

/**
 * GET and POST /unsubscribe/{token}: the link in every resident email. It needs no sign-in: the token is the
 * subscription's id signed with the link secret, so it stops that one subscription and nothing else. GET only asks
 * (mail scanners open links); POST stops, from the page's button or a mail client's one-click (RFC 8058).
 */
export function unsubscribeRoutes(ctx: AppContext, body: RequestHandler[]): Router {
  const router = Router();
  const find = async (token: string) => {
    const id = verifiedValue(ctx.linkSecret, 'unsubscribe', token);
    if (!id || !/^\d{1,15}$/.test(id)) return undefined;
    const { rows } = await ctx.db.query<{ id: number; case_id: number; language: string }>(
      'SELECT id, case_id, language FROM subscriptions WHERE id = $1',
      [Number(id)],
    );
    return rows[0];
  };
  // The language the resident is written to in, when it is still enabled; else the page's.
  const langOf = (reqLang: Language, sub?: { language: string }) => (ctx.locales.has(sub?.language) ? sub!.language : reqLang);
  /** The token's subscription and the page's language, or undefined after answering 404 for a token that is not one. */
  const open = async (req: Request, res: Response) => {
    const sub = await find(String(req.params.token));
    const lang = langOf(pickLanguage(req, ctx.locales), sub);
    const page = (title: string, html: string) => messagePage({ lang, config: ctx.config, locales: ctx.locales }, title, html);
    const t = strings(lang).unsubscribe;
    res.set({ 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' });
    if (sub) return { sub, t, page };
    res
      .status(404)
      .type('html')
      .send(page(t.doneTitle, `<p>${esc(t.invalid)}</p>`));
    return undefined;
  };

  router.get('/unsubscribe/:token', async (req, res) => {
    const found = await open(req, res);
    if (!found) return;
    const { sub, t, page } = found;
    const html = `<p>${esc(t.text)}</p>
<form method="post" action="/unsubscribe/${esc(String(req.params.token))}"><button type="submit" class="primary">${esc(t.button)}</button></form>`;
    res.type('html').send(page(fill(t.title, { id: sub.case_id }), html));
  });

  router.post('/unsubscribe/:token', ...body, async (req, res) => {
    const found = await open(req, res);
    if (!found) return;
    const { sub, t, page } = found;
    await deactivateSubscription(ctx.db, sub.id);
    res.type('html').send(page(t.doneTitle, `<p role="status">${esc(fill(t.doneText, { id: sub.case_id }))}</p>`));
  });
  return router;
}
