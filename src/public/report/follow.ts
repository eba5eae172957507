import { type Request, type RequestHandler, type Response, Router } from 'express';
import type { InboundOutcome } from '../../channels/port';
import type { AppContext } from '../../context';
import type { Language } from '../../domain/classifier';
import { getCase } from '../../storage/cases-repo';
import { esc } from '../html';
import { fill, type Strings, strings } from '../i18n';
import { pageBase, tooMany } from './base';
import { type Contact, checkContact, type FieldErrors, readDraft } from './draft';
import { errorSummary, hidden, honeypotField, textField } from './fields';
import { csrfValid, honeypotFilled, newFormId } from './guard';
import { messagePage, type PageBase, refusedPage } from './report-page';
import { followCase } from './submit';

/** The "Follow this case" form: a phone, an email or both. On every public case page, and on its own page after an error. */
export function followForm(p: PageBase, caseId: number, values: { phone: string; email: string; form: string }, errors: FieldErrors): string {
  const t = strings(p.lang);
  return `<form id="follow-form" class="follow" method="post" action="/cases/${caseId}/follow?lang=${p.lang}" novalidate aria-labelledby="follow-title">
  <h2 id="follow-title">${esc(t.follow.title)}</h2>
  <p class="hint">${esc(t.follow.intro)} ${esc(t.report.contactHint)}</p>
  ${errorSummary(errors, p.lang)}
  ${hidden('_csrf', p.csrf)}${hidden('form', values.form)}
  ${textField({ name: 'phone', label: t.report.phone, value: values.phone, errors, type: 'tel', attrs: ' autocomplete="tel" inputmode="tel"' }, p.lang)}
  ${textField({ name: 'email', label: t.report.email, value: values.email, errors, type: 'email', attrs: ' autocomplete="email"' }, p.lang)}
  ${honeypotField(p.lang)}
  <button type="submit" class="primary">${esc(t.follow.button)}</button>
</form>`;
}

/** After a follow: what the resident now gets, or the answer a missing (or private) case gives. */
export function followDonePage(p: Pick<PageBase, 'lang' | 'config'>, outcome: InboundOutcome, caseId: number): string {
  const t = strings(p.lang as Language);
  if (outcome.kind !== 'followed') return messagePage(p, fill(t.caseTitle, { id: caseId }), '<p>404</p>');
  const id = outcome.case.service_request_id;
  return messagePage(
    p,
    fill(t.follow.doneTitle, { id }),
    `<p role="status">${esc(t.follow.doneText)}</p>${outcome.case.status === 'closed' ? `<p>${esc(t.follow.closedNote)}</p>` : ''}
<p><a href="/cases/${id}?lang=${p.lang}">${esc(fill(t.follow.back, { id }))}</a></p>`,
  );
}

/** A contact is needed to follow: with neither given (and neither refused already), the phone field says so. */
export function requireContact(contact: Contact, errors: FieldErrors, t: Strings): void {
  if (!contact.phone && !contact.email && !errors.phone && !errors.email) errors.phone = t.errors.contactRequired;
}

/**
 * The end of a follow request that passed its checks, from the case page's form or the report form's "Follow #N
 * instead": the per-address budget, the subscription, and the page saying what the resident now gets.
 */
export async function answerFollow(
  ctx: AppContext,
  req: Request,
  res: Response,
  p: PageBase,
  caseId: number,
  contact: Contact,
  formId: string,
): Promise<void> {
  const v = await ctx.limits.hit('webReports', req.ip ?? '');
  if (!v.allowed) return tooMany(ctx, req, res, v);
  const outcome = await followCase(ctx, caseId, contact, p.lang, formId);
  res
    .status(outcome.kind === 'followed' ? 200 : 404)
    .type('html')
    .send(followDonePage(p, outcome, caseId));
}

/** GET and POST /cases/{id}/follow: follow a public case by SMS, email or both, without an account. */
export function followRoutes(ctx: AppContext, body: RequestHandler[]): Router {
  const router = Router();
  /** The case id of a public case, or undefined after answering 404 (a private case answers as a missing one). */
  const followable = async (req: Request, res: Response, p: PageBase): Promise<number | undefined> => {
    const raw = String(req.params.id);
    const id = /^\d{1,15}$/.test(raw) ? Number(raw) : undefined;
    const c = id === undefined ? undefined : await getCase(ctx.db, id);
    if (id !== undefined && c?.public) return id;
    res
      .status(404)
      .type('html')
      .send(followDonePage(p, { kind: 'unknown_case', caseId: id ?? null }, id ?? 0));
    return undefined;
  };
  const page = (p: PageBase, id: number, values: { phone: string; email: string; form: string }, errors: FieldErrors) =>
    messagePage(p, strings(p.lang).follow.title, `<p><a href="/cases/${id}?lang=${p.lang}">#${id}</a></p>${followForm(p, id, values, errors)}`);

  router.get('/cases/:id/follow', async (req, res) => {
    const p = pageBase(ctx, req, res);
    const id = await followable(req, res, p);
    if (id === undefined) return;
    res
      .set('Cache-Control', 'no-store')
      .type('html')
      .send(page(p, id, { phone: '', email: '', form: newFormId() }, {}));
  });

  router.post('/cases/:id/follow', ...body, async (req, res) => {
    const p = pageBase(ctx, req, res);
    const t = strings(p.lang);
    res.set('Cache-Control', 'no-store');
    const id = await followable(req, res, p);
    if (id === undefined) return;
    if (honeypotFilled(req)) {
      res.status(400).type('html').send(refusedPage(p, t.follow.title));
      return;
    }
    const draft = readDraft(req.body as Record<string, unknown>, ctx.catalog);
    const errors: FieldErrors = {};
    if (!csrfValid(req, ctx.linkSecret, ctx.config.publicBaseUrl)) errors.form = t.errors.csrf;
    const contact = checkContact(draft, t, errors);
    requireContact(contact, errors, t);
    if (Object.keys(errors).length) {
      res
        .status(errors.form ? 403 : 422)
        .type('html')
        .send(page(p, id, draft, errors));
      return;
    }
    await answerFollow(ctx, req, res, p, id, contact, draft.form);
  });
  return router;
}
