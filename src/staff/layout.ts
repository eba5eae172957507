import type { Request } from 'express';
import type { Language } from '../domain/classifier';
import { esc } from '../public/html';
import { fill, type StaffText } from './i18n';
import { hasRole } from './session';

/** What every console page needs to draw its shell. */
export interface PageContext {
  req: Request;
  lang: Language;
  t: StaffText;
}

/** A hidden CSRF field for a form of the signed-in person. */
export function csrfField(req: Request): string {
  return `<input type="hidden" name="_csrf" value="${esc(req.staff?.csrf ?? '')}">`;
}

function nav(p: PageContext): string {
  const u = p.req.staff?.user;
  if (!u) return '';
  const links: Array<[string, string, boolean]> = [
    ['/staff', p.t.queue, true],
    ['/staff/dashboard', p.t.dashboard, hasRole(u.role, 'supervisor')],
    ['/staff/audit', p.t.audit, hasRole(u.role, 'supervisor')],
    ['/staff/canned', p.t.canned, hasRole(u.role, 'supervisor')],
    ['/staff/users', p.t.users, hasRole(u.role, 'admin')],
    ['/staff/tokens', p.t.tokens, hasRole(u.role, 'admin')],
  ];
  const here = p.req.path === '/' ? '/staff' : `/staff${p.req.path}`;
  return `<nav aria-label="${esc(p.t.nav)}"><ul>${links
    .filter(([, , show]) => show)
    .map(([href, label]) => `<li><a href="${href}"${here === href ? ' aria-current="page"' : ''}>${esc(label)}</a></li>`)
    .join('')}</ul>
<form method="post" action="/staff/logout" class="signout">${csrfField(p.req)}<span>${esc(fill(p.t.signedInAs, { name: u.name, role: u.role }))}</span>
<button type="submit">${esc(p.t.signOut)}</button></form></nav>`;
}

/** The console's page shell: skip link, header with navigation, main landmark, the console's script. */
export function staffLayout(p: PageContext, title: string, body: string, options: { map?: boolean } = {}): string {
  const other = p.lang === 'es' ? 'en' : 'es';
  const query = new URLSearchParams(p.req.query as Record<string, string>);
  query.set('lang', other);
  return `<!doctype html>
<html lang="${p.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)} · ${esc(p.t.console)}</title>
${options.map ? '<link rel="stylesheet" href="/assets/leaflet/leaflet.css">' : ''}
<link rel="stylesheet" href="/staff/assets/console.css">
</head>
<body>
<a class="skip" href="#main">${esc(p.t.skip)}</a>
<header><p class="brand"><a href="/staff">${esc(p.t.console)}</a></p>
<a class="lang" href="?${esc(query.toString())}" lang="${other}">${esc(p.t.otherLanguage)}</a>
${nav(p)}</header>
<main id="main" tabindex="-1">
<h1>${esc(title)}</h1>
${body}
</main>
${options.map ? '<script src="/assets/leaflet/leaflet.js"></script>' : ''}
<script src="/staff/assets/console.js"></script>
</body>
</html>
`;
}

/** A short page for a refusal or an error, with a way back. */
export function messagePage(p: PageContext, title: string, message: string, back = '/staff'): string {
  return staffLayout(p, title, `<p role="alert">${esc(message)}</p><p><a href="${esc(back)}">${esc(p.t.back)}</a></p>`);
}
