import type { Request, Response } from 'express';
import type { AppContext } from '../context';
import type { Language } from '../domain/classifier';
import { CASE_STATUSES, type CaseStatus } from '../domain/types';
import { listCases } from '../storage/cases-repo';
import { caseItem } from './case-item';
import { lastEventId } from './feed-queries';
import { esc, layout, scriptJson } from './html';
import { displayTimeZone, fill, languageSwitcher, pickLanguage, type Strings, strings } from './i18n';
import { toPublicCase } from './public-case';

const PAGE_SIZE = 50;

interface Filters {
  service_code?: string;
  status?: CaseStatus;
  before?: number;
}

// Unknown filter values are ignored rather than refused: a stale bookmark should still show a page.
function readFilters(req: Request, ctx: AppContext): Filters {
  const q = req.query;
  const code = typeof q.service_code === 'string' && ctx.catalog.has(q.service_code) ? q.service_code : undefined;
  const status = typeof q.status === 'string' && (CASE_STATUSES as string[]).includes(q.status) ? (q.status as CaseStatus) : undefined;
  const before = typeof q.before === 'string' && /^\d{1,15}$/.test(q.before) ? Number(q.before) : undefined;
  return { service_code: code, status, before };
}

function query(lang: Language, f: Filters, extra: Record<string, string> = {}): string {
  const p = new URLSearchParams({
    lang,
    ...(f.service_code ? { service_code: f.service_code } : {}),
    ...(f.status ? { status: f.status } : {}),
    ...extra,
  });
  return `/?${p.toString()}`;
}

function filtersForm(ctx: AppContext, t: Strings, f: Filters): string {
  const { lang } = t;
  const options = (items: Array<[string, string]>, selected: string | undefined, all: string) =>
    [
      `<option value="">${esc(all)}</option>`,
      ...items.map(([v, label]) => `<option value="${esc(v)}"${v === selected ? ' selected' : ''}>${esc(label)}</option>`),
    ].join('');
  const codes = ctx.catalog.codes().map((c): [string, string] => [c, ctx.catalog.name(c, lang)]);
  const statuses = CASE_STATUSES.map((s): [string, string] => [s, t.statuses[s]]);
  return `<form class="filters" method="get" action="/">
  <input type="hidden" name="lang" value="${lang}">
  <label>${esc(t.category)} <select name="service_code">${options(codes, f.service_code, t.allCategories)}</select></label>
  <label>${esc(t.status)} <select name="status">${options(statuses, f.status, t.allStatuses)}</select></label>
  <button type="submit">${esc(t.filter)}</button>
</form>`;
}

/** GET /: recent public cases, newest first, as a list and on a map; filters work without JavaScript. */
export function homeHandler(ctx: AppContext) {
  return async (req: Request, res: Response): Promise<void> => {
    const lang = pickLanguage(req, ctx.locales);
    const t = strings(lang, ctx.locales);
    const f = readFilters(req, ctx);
    const [rows, eventId] = await Promise.all([
      listCases(ctx.db, {
        publicOnly: true,
        service_code: f.service_code ? [f.service_code] : undefined,
        status: f.status ? [f.status] : undefined,
        beforeId: f.before,
        limit: PAGE_SIZE + 1,
      }),
      lastEventId(ctx.db),
    ]);
    const cases = rows.slice(0, PAGE_SIZE).map((c) => toPublicCase(c, ctx.catalog, lang, ctx.config.publicBaseUrl));
    const older = rows.length > PAGE_SIZE ? query(lang, f, { before: String(cases[cases.length - 1].id) }) : undefined;
    const timeZone = displayTimeZone(ctx.config.timeZone);
    const pageData = {
      lang,
      since: eventId,
      // Live cases are added only to the first page, and only when they match its filters.
      live: f.before === undefined,
      filters: { service_code: f.service_code ?? null, status: f.status ?? null },
      statuses: t.statuses,
      tileUrl: ctx.config.map.tileUrl,
      timeZone,
      intl: t.intl,
      zoomTitles: [t.zoomIn, t.zoomOut],
      center: ctx.config.map.center,
      zoom: ctx.config.map.zoom,
      attribution: ctx.config.map.attribution,
    };
    const { city } = ctx.config;
    const title = fill(t.siteTitle, { city: city.name });
    const body = `<header class="top">
  <h1><a href="/?lang=${lang}">${esc(title)}</a></h1>
  ${languageSwitcher(ctx.locales, t, (code) => query(code, f))}
</header>
<main class="home">
  <p class="report-cta"><a class="button" href="/report?lang=${lang}">${esc(t.reportProblem)}</a></p>
  ${filtersForm(ctx, t, f)}
  <div class="columns">
    <div class="map-col">
      <div id="map" class="map" role="region" aria-label="${esc(t.location)}"></div>
      <p id="map-note" class="note" hidden>${esc(t.mapUnavailable)}</p>
    </div>
    <div class="list-col">
      <h2>${esc(t.recent)}</h2>
      <p class="live" aria-live="polite">${esc(t.live)}</p>
      <ol id="cases" class="cases">
${cases.map((c) => caseItem(c, t, timeZone)).join('\n')}
      </ol>
      <p id="no-cases" class="note"${cases.length ? ' hidden' : ''}>${esc(t.noCases)}</p>
      ${older ? `<a class="older" href="${esc(older)}">${esc(t.older)}</a>` : ''}
    </div>
  </div>
</main>
<template id="case-template">${caseItem(undefined, t)}</template>
<script type="application/json" id="page-data">${scriptJson(pageData)}</script>`;
    res.type('html').send(layout({ lang, dir: t.dir, title, body, map: true, script: true, foot: fill(t.contact, { phone: city.phone }) }));
  };
}
