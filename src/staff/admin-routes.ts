import { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../context';
import { InputError, NotFoundError } from '../errors';
import { esc } from '../public/html';
import { insertAudit } from '../storage/audit-repo';
import { listStaffUsers, STAFF_ROLES, type StaffRole } from '../storage/staff-users-repo';
import { createToken, listTokens, revokeToken } from '../storage/tokens-repo';
import { type Actor, createUser, resetPassword, setDisabled, signInUrl, updateUser } from './accounts';
import { select, when } from './format';
import { fill } from './i18n';
import { csrfField, type PageContext, staffLayout } from './layout';

type Page = (req: Request, res: Response) => PageContext;

function actor(req: Request): Actor {
  return { label: req.staff!.user.email, userId: req.staff!.user.id };
}

function idParam(req: Request): number {
  if (!/^\d{1,12}$/.test(String(req.params.id))) throw new InputError('id: must be a number', 'id');
  return Number(req.params.id);
}

const departmentsOf = (raw: unknown) =>
  String(raw ?? '')
    .split(',')
    .map((d) => d.trim())
    .filter(Boolean);

/** Admin pages: staff accounts and API tokens. A one-time secret (link, token) is shown on the answer page only. */
export function adminRoutes(ctx: AppContext, page: Page): Router {
  const router = Router();
  const post = (action: string, button: string, req: Request, hidden = '') =>
    `<form method="post" action="${action}" class="inline">${csrfField(req)}${hidden}<button type="submit">${esc(button)}</button></form>`;

  const usersPage = async (req: Request, res: Response, shown?: string) => {
    const p = page(req, res);
    const t = p.t;
    const users = await listStaffUsers(ctx.db);
    const roles = STAFF_ROLES.map((r) => [r, r] as [string, string]);
    const rows = users
      .map(
        (
          u,
        ) => `<tr data-user="${u.id}"><td>${esc(u.name)}</td><td>${esc(u.email)}</td><td>${esc(u.role)}</td><td>${esc(u.departments.join(', '))}</td>
<td>${u.disabled_at ? esc(t.disabled) : ''}</td><td>${u.disabled_at ? post(`/staff/users/${u.id}/enable`, t.enable, req) : post(`/staff/users/${u.id}/disable`, `${t.disable}: ${u.name}`, req)}
${post(`/staff/users/${u.id}/reset`, `${t.reset}: ${u.name}`, req)}
<form method="post" action="/staff/users/${u.id}/update" class="inline">${csrfField(req)}${select(`role-${u.id}`, 'role', `${t.role}: ${u.name}`, roles, u.role)}
<label for="dept-${u.id}">${esc(`${t.departments}: ${u.name}`)}</label><input id="dept-${u.id}" name="departments" value="${esc(u.departments.join(', '))}">
<button type="submit">${esc(`${t.save}: ${u.name}`)}</button></form></td></tr>`,
      )
      .join('');
    const body = `${shown ?? ''}
<form method="post" action="/staff/users" class="stack">${csrfField(req)}<fieldset><legend>${esc(t.createUser)}</legend>
<label for="u-email">${esc(t.email)}</label><input id="u-email" name="email" type="email" required>
<label for="u-name">${esc(t.name)}</label><input id="u-name" name="name" required>
${select('u-role', 'role', t.role, roles, 'agent')}
<label for="u-dept">${esc(t.departments)}</label><input id="u-dept" name="departments">
<button type="submit">${esc(t.createUser)}</button></fieldset></form>
<table><caption>${esc(t.users)}</caption><thead><tr><th scope="col">${esc(t.name)}</th><th scope="col">${esc(t.email)}</th><th scope="col">${esc(t.role)}</th><th scope="col">${esc(t.departments)}</th><th scope="col">${esc(t.status)}</th><th scope="col">${esc(t.actions)}</th></tr></thead><tbody>${rows}</tbody></table>`;
    res.type('html').send(staffLayout(p, t.users, body));
  };

  router.get('/users', (req, res) => usersPage(req, res));
  router.post('/users', async (req, res) => {
    const f = req.body as Record<string, unknown>;
    const { user, secret } = await createUser(
      ctx.db,
      { email: f.email, name: f.name, role: f.role, departments: departmentsOf(f.departments) },
      actor(req),
    );
    const t = page(req, res).t;
    await usersPage(
      req,
      res,
      `<p role="status" class="secret">${esc(fill(t.linkFor, { name: user.name }))} <code id="sign-in-link">${esc(signInUrl(ctx.config.publicBaseUrl, secret))}</code></p>`,
    );
  });
  router.post('/users/:id/disable', async (req, res) => {
    await setDisabled(ctx.db, idParam(req), true, actor(req));
    res.redirect(303, '/staff/users');
  });
  router.post('/users/:id/enable', async (req, res) => {
    await setDisabled(ctx.db, idParam(req), false, actor(req));
    res.redirect(303, '/staff/users');
  });
  router.post('/users/:id/update', async (req, res) => {
    const f = req.body as Record<string, unknown>;
    const role = f.role === undefined ? undefined : (z.enum(STAFF_ROLES as [StaffRole, ...StaffRole[]]).safeParse(f.role).data ?? null);
    if (role === null) throw new InputError('role: must be agent, supervisor or admin', 'role');
    await updateUser(ctx.db, idParam(req), { role, departments: f.departments === undefined ? undefined : departmentsOf(f.departments) }, actor(req));
    res.redirect(303, '/staff/users');
  });
  router.post('/users/:id/reset', async (req, res) => {
    const id = idParam(req);
    const secret = await resetPassword(ctx.db, id, actor(req));
    const t = page(req, res).t;
    const user = (await listStaffUsers(ctx.db)).find((u) => u.id === id);
    await usersPage(
      req,
      res,
      `<p role="status" class="secret">${esc(fill(t.linkFor, { name: user?.name ?? '' }))} <code id="sign-in-link">${esc(signInUrl(ctx.config.publicBaseUrl, secret))}</code></p>`,
    );
  });

  const tokensPage = async (req: Request, res: Response, shown?: string) => {
    const p = page(req, res);
    const t = p.t;
    const tokens = await listTokens(ctx.db);
    const rows = tokens
      .map(
        (k) =>
          `<tr data-token="${k.id}"><td>${esc(k.name)}</td><td>${esc(k.scope)}</td><td>${when(k.created_at, p.lang)}</td><td>${k.revoked_at ? `${esc(t.revoked)} ${when(k.revoked_at, p.lang)}` : post(`/staff/tokens/${k.id}/revoke`, `${t.revoke}: ${k.name}`, req)}</td></tr>`,
      )
      .join('');
    const body = `${shown ?? ''}
<form method="post" action="/staff/tokens" class="stack">${csrfField(req)}<fieldset><legend>${esc(t.createToken)}</legend>
<label for="k-name">${esc(t.tokenName)}</label><input id="k-name" name="name" required maxlength="100">
${select(
  'k-scope',
  'scope',
  t.scope,
  [
    ['staff', 'staff'],
    ['open311', 'open311'],
  ],
  'staff',
)}
<button type="submit">${esc(t.createToken)}</button></fieldset></form>
<table><caption>${esc(t.tokens)}</caption><thead><tr><th scope="col">${esc(t.tokenName)}</th><th scope="col">${esc(t.scope)}</th><th scope="col">${esc(t.when)}</th><th scope="col">${esc(t.actions)}</th></tr></thead><tbody>${rows}</tbody></table>`;
    res.type('html').send(staffLayout(p, t.tokens, body));
  };
  router.get('/tokens', (req, res) => tokensPage(req, res));
  router.post('/tokens', async (req, res) => {
    const f = req.body as Record<string, unknown>;
    const name = z.string().trim().min(1).max(100).safeParse(f.name).data;
    if (!name) throw new InputError('name: must be 1 to 100 characters', 'name');
    const scope = f.scope === 'open311' ? 'open311' : f.scope === 'staff' ? 'staff' : undefined;
    if (!scope) throw new InputError('scope: must be staff or open311', 'scope');
    const token = await ctx.db.transaction(async (tx) => {
      const secret = await createToken(tx, name, scope);
      await insertAudit(tx, {
        actor: req.staff!.user.email,
        userId: req.staff!.user.id,
        action: 'token.create',
        target: `token:${name}`,
        after: { name, scope },
      });
      return secret;
    });
    await tokensPage(req, res, `<p role="status" class="secret">${esc(page(req, res).t.tokenShown)} <code id="new-token">${esc(token)}</code></p>`);
  });
  router.post('/tokens/:id/revoke', async (req, res) => {
    const id = idParam(req);
    await ctx.db.transaction(async (tx) => {
      const revoked = await revokeToken(tx, id);
      if (!revoked) throw new NotFoundError(`token ${id} not found or already revoked`);
      await insertAudit(tx, {
        actor: req.staff!.user.email,
        userId: req.staff!.user.id,
        action: 'token.revoke',
        target: `token:${id}`,
        before: { name: revoked.name, scope: revoked.scope },
      });
    });
    res.redirect(303, '/staff/tokens');
  });
  return router;
}
