import { type Request, type Response, Router } from 'express';
import type { AppContext } from '../context';
import { InputError, NotFoundError } from '../errors';
import { esc } from '../public/html';
import { type AuditEntry, insertAudit, listAudit } from '../storage/audit-repo';
import { deleteCannedResponse, insertCannedResponse, listCannedResponses } from '../storage/canned-responses-repo';
import { csv, select, when } from './format';
import { fill } from './i18n';
import { csrfField, type PageContext, staffLayout } from './layout';

type Page = (req: Request, res: Response) => PageContext;

function auditQuery(req: Request): { target?: string } {
  const target = typeof req.query.target === 'string' && /^[a-z]+:[\w.@-]{1,100}$/.test(req.query.target) ? req.query.target : undefined;
  return { target };
}

const short = (v: unknown) => (v ? JSON.stringify(v) : '');

/** Supervisor pages: the audit log (and its CSV), canned replies, and the dashboard. */
export function supervisorRoutes(ctx: AppContext, page: Page): Router {
  const router = Router();

  router.get('/audit', async (req, res) => {
    const p = page(req, res);
    const t = p.t;
    const q = auditQuery(req);
    const rows: AuditEntry[] = await listAudit(ctx.db, { ...q, limit: 200 });
    const body = `<p><a href="/staff/audit.csv${q.target ? `?target=${encodeURIComponent(q.target)}` : ''}">${esc(t.exportCsv)}</a></p>
<table class="audit"><caption>${esc(t.audit)}</caption><thead><tr><th scope="col">${esc(t.when)}</th><th scope="col">${esc(t.who)}</th><th scope="col">${esc(t.what)}</th><th scope="col">${esc(t.target)}</th><th scope="col">${esc(t.before)}</th><th scope="col">${esc(t.after)}</th></tr></thead>
<tbody>${rows
      .map(
        (a) =>
          `<tr><td>${when(a.created_at, p.lang)}</td><td>${esc(a.actor)}</td><td>${esc(a.action)}</td><td>${a.target?.startsWith('case:') ? `<a href="/staff/cases/${esc(a.target.slice(5))}">${esc(a.target)}</a>` : esc(a.target ?? '')}</td><td class="json">${esc(short(a.before))}</td><td class="json">${esc(short(a.after))}</td></tr>`,
      )
      .join('')}</tbody></table>`;
    res.type('html').send(staffLayout(p, t.audit, body));
  });

  router.get('/audit.csv', async (req, res) => {
    const rows = await listAudit(ctx.db, { ...auditQuery(req), limit: 100000 });
    res
      .type('text/csv')
      .set('Content-Disposition', 'attachment; filename="audit.csv"')
      .send(
        csv(
          ['id', 'created_at', 'actor', 'action', 'target', 'before', 'after'],
          rows.map((a) => [a.id, a.created_at, a.actor, a.action, a.target, a.before, a.after]),
        ),
      );
  });

  router.get('/canned', async (req, res) => {
    const p = page(req, res);
    const t = p.t;
    const rows = await listCannedResponses(ctx.db);
    const body = `<form method="post" action="/staff/canned" class="stack">${csrfField(req)}<fieldset><legend>${esc(t.addCanned)}</legend>
${select(
  'cr-lang',
  'language',
  t.language,
  ctx.locales.codes.map((code) => [code, ctx.locales.meta(code).name] as [string, string]),
  p.lang,
)}
<label for="cr-title">${esc(t.title)}</label><input id="cr-title" name="title" required maxlength="100">
<label for="cr-body">${esc(t.body)}</label><textarea id="cr-body" name="body" required maxlength="1000" rows="3"></textarea>
<button type="submit">${esc(t.addCanned)}</button></fieldset></form>
<table><caption>${esc(t.canned)}</caption><thead><tr><th scope="col">${esc(t.language)}</th><th scope="col">${esc(t.title)}</th><th scope="col">${esc(t.body)}</th><th scope="col">${esc(t.actions)}</th></tr></thead><tbody>${rows
      .map(
        (r) =>
          `<tr><td>${r.language}</td><td>${esc(r.title)}</td><td lang="${r.language}">${esc(r.body)}</td><td><form method="post" action="/staff/canned/${r.id}/delete" class="inline">${csrfField(req)}<button type="submit">${esc(`${t.remove}: ${r.title}`)}</button></form></td></tr>`,
      )
      .join('')}</tbody></table>`;
    res.type('html').send(staffLayout(p, t.canned, body));
  });

  router.post('/canned', async (req, res) => {
    const f = req.body as Record<string, unknown>;
    const language = typeof f.language === 'string' && ctx.locales.has(f.language) ? f.language : undefined;
    const title = typeof f.title === 'string' ? f.title.trim() : '';
    const text = typeof f.body === 'string' ? f.body.trim() : '';
    if (!language) throw new InputError(`language: must be one of the enabled languages (${ctx.locales.codes.join(', ')})`, 'language');
    if (!title || title.length > 100) throw new InputError('title: must be 1 to 100 characters', 'title');
    if (!text || text.length > 1000) throw new InputError('body: must be 1 to 1000 characters', 'body');
    await ctx.db.transaction(async (tx) => {
      const r = await insertCannedResponse(tx, { language, title, body: text });
      await insertAudit(tx, {
        actor: req.staff!.user.email,
        userId: req.staff!.user.id,
        action: 'canned.create',
        target: `canned:${r.id}`,
        after: { language, title, body: text },
      });
    });
    res.redirect(303, '/staff/canned');
  });

  router.post('/canned/:id/delete', async (req, res) => {
    const id = /^\d{1,12}$/.test(String(req.params.id)) ? Number(req.params.id) : 0;
    await ctx.db.transaction(async (tx) => {
      const r = await deleteCannedResponse(tx, id);
      if (!r) throw new NotFoundError(`canned reply ${req.params.id} not found`);
      await insertAudit(tx, {
        actor: req.staff!.user.email,
        userId: req.staff!.user.id,
        action: 'canned.delete',
        target: `canned:${id}`,
        before: { ...r },
      });
    });
    res.redirect(303, '/staff/canned');
  });

  router.get('/dashboard', async (req, res) => {
    const p = page(req, res);
    const t = p.t;
    const levels = ctx.catalog.services.filter((s) => s.service_level_days);
    const [perDay, medians, overdue] = await Promise.all([
      ctx.db.query<{ day: string; opened: number; closed: number }>(
        `SELECT to_char(d, 'YYYY-MM-DD') AS day,
           (SELECT count(*)::int FROM cases WHERE created_at >= d AND created_at < d + interval '1 day') AS opened,
           (SELECT count(*)::int FROM cases WHERE closed_at >= d AND closed_at < d + interval '1 day') AS closed
         FROM generate_series(date_trunc('day', now()) - interval '13 days', date_trunc('day', now()), interval '1 day') AS d ORDER BY d DESC`,
      ),
      ctx.db.query<{ service_code: string; hours: number; n: number }>(
        `SELECT service_code, round((percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM closed_at - created_at)) / 3600)::numeric, 1)::float AS hours, count(*)::int AS n
         FROM cases WHERE closed_at IS NOT NULL AND closed_at > now() - interval '90 days' AND duplicate_of IS NULL GROUP BY service_code ORDER BY service_code`,
      ),
      ctx.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM cases c JOIN unnest($1::text[], $2::int[]) AS sl(code, days) ON sl.code = c.service_code
         WHERE c.status <> 'closed' AND add_business_days(c.created_at, sl.days) < now()`,
        [levels.map((s) => s.service_code), levels.map((s) => s.service_level_days!)],
      ),
    ]);
    const body = `<p class="big"><a href="/staff?overdue=1&amp;status=active">${esc(fill(t.overdueCount, { n: overdue.rows[0].n }))}</a></p>
<table><caption>${esc(t.openedPerDay)}</caption><thead><tr><th scope="col">${esc(t.day)}</th><th scope="col">${esc(t.opened)}</th><th scope="col">${esc(t.closed)}</th></tr></thead><tbody>${perDay.rows
      .map((r) => `<tr><th scope="row">${r.day}</th><td>${r.opened}</td><td>${r.closed}</td></tr>`)
      .join('')}</tbody></table>
<table><caption>${esc(t.medianClose)}</caption><thead><tr><th scope="col">${esc(t.category)}</th><th scope="col">${esc(t.medianHours)}</th><th scope="col">${esc(t.closed)}</th></tr></thead><tbody>${medians.rows
      .map((r) => `<tr><th scope="row">${esc(ctx.catalog.name(r.service_code, p.lang))}</th><td>${r.hours}</td><td>${r.n}</td></tr>`)
      .join('')}</tbody></table>`;
    res.type('html').send(staffLayout(p, t.dashboard, body));
  });
  return router;
}
