import type { Request, Response } from 'express';
import type { AppContext } from '../context';
import type { CaseEvent } from '../domain/types';
import { getCase } from '../storage/cases-repo';
import { listEvents } from '../storage/events-repo';
import { publicDuplicatesOf, reporterCount } from './feed-queries';
import { esc, layout, scriptJson } from './html';
import { displayTimeZone, fill, formatDate, languageSwitcher, pickLanguage, type Strings, strings } from './i18n';
import { toPublicCase } from './public-case';
import { pageBase } from './report/base';
import { followForm } from './report/follow';
import { newFormId } from './report/guard';

function eventText(ctx: AppContext, e: CaseEvent, t: Strings): string | undefined {
  const { lang } = t;
  const template = t.events[e.type];
  if (!template) return undefined;
  const d = e.data as Record<string, unknown>;
  const link = (id: unknown) => `<a href="/cases/${esc(id)}?lang=${lang}">#${esc(id)}</a>`;
  const values: Record<string, string> = {
    via: esc(t.via[String(d.channel)] ?? t.via.web),
    status: esc(t.statuses[d.to as keyof typeof t.statuses] ?? d.to),
    name: esc(ctx.catalog.name(String(d.to), lang)),
    text: esc(d.status_notes ?? d.text),
  };
  // Ids become links after escaping, so they are placed into the already-escaped template.
  return fill(esc(template).replace('#{id}', e.type === 'merged' ? link(d.into) : link(d.from)), values);
}

function notFound(res: Response, t: Strings, id: string, cityName: string): void {
  const { lang } = t;
  const body = `<main class="case-page"><p><a href="/?lang=${lang}">← ${esc(t.backToList)}</a></p><h1>${esc(fill(t.caseTitle, { id }))}</h1><p class="note">404</p></main>`;
  res
    .status(404)
    .type('html')
    .send(layout({ lang, dir: t.dir, title: fill(t.siteTitle, { city: cityName }), body }));
}

/** GET /cases/{id}: one public case, its history and photos. Private and unknown cases are a plain 404. */
export function casePageHandler(ctx: AppContext) {
  return async (req: Request, res: Response): Promise<void> => {
    const lang = pickLanguage(req, ctx.locales);
    const t = strings(lang, ctx.locales);
    const tz = displayTimeZone(ctx.config.timeZone);
    const raw = String(req.params.id);
    const record = /^\d{1,15}$/.test(raw) ? await getCase(ctx.db, Number(raw)) : undefined;
    if (!record?.public) return notFound(res, t, esc(raw.slice(0, 20)), ctx.config.city.name);
    const c = toPublicCase(record, ctx.catalog, lang, ctx.config.publicBaseUrl);
    const [events, duplicates, reporters] = await Promise.all([
      listEvents(ctx.db, c.id, true),
      publicDuplicatesOf(ctx.db, c.id),
      reporterCount(ctx.db, c.id),
    ]);
    const history = events
      .map((e) => ({ e, text: eventText(ctx, e, t) }))
      .filter((x) => x.text)
      .map(
        ({ e, text }) =>
          `<li><time datetime="${new Date(e.created_at).toISOString()}">${esc(formatDate(new Date(e.created_at), t.intl, tz))}</time> ${text}</li>`,
      );
    // toPublicCase gives only our processed copies' URLs; anything else is not shown, whatever the base URL's host.
    const ours = (u: string | null) => (u?.startsWith(`${ctx.config.publicBaseUrl}/media/`) ? u : undefined);
    const photos = c.photos.map(ours).filter(Boolean) as string[];
    const closurePhoto = ours(c.closure_media_url);
    const sms = ctx.config.twilio.phoneNumber;
    const section = (title: string, html: string) => `<section><h2>${esc(title)}</h2>${html}</section>`;
    const body = `<header class="top">
  <a href="/?lang=${lang}">← ${esc(t.backToList)}</a>
  <a href="/report?lang=${lang}">${esc(t.reportProblem)}</a>
  ${languageSwitcher(ctx.locales, t, (code) => `/cases/${c.id}?lang=${code}`)}
</header>
<main class="case-page">
  <h1>${esc(fill(t.caseTitle, { id: c.id }))}: ${esc(c.service_name)}</h1>
  <p><span class="badge status-${c.status}" id="status">${esc(t.statuses[c.status])}</span>
  ${c.duplicate_of !== null ? `<span class="duplicate">${esc(t.duplicateOf)} <a href="/cases/${c.duplicate_of}?lang=${lang}">#${c.duplicate_of}</a></span>` : ''}</p>
  <dl class="facts">
    <dt>${esc(t.category)}</dt><dd>${esc(c.service_name)}</dd>
    <dt>${esc(t.reported)}</dt><dd>${esc(formatDate(new Date(c.requested_at), t.intl, tz))}</dd>
    <dt>${esc(t.updated)}</dt><dd>${esc(formatDate(new Date(c.updated_at), t.intl, tz))}</dd>
    ${c.address ? `<dt>${esc(t.location)}</dt><dd>${esc(c.address)}</dd>` : ''}
    ${reporters > 1 ? `<dt>${esc(t.reporters)}</dt><dd>${reporters}</dd>` : ''}
    ${duplicates.length ? `<dt>${esc(t.duplicates)}</dt><dd>${duplicates.map((d) => `<a href="/cases/${d}?lang=${lang}">#${d}</a>`).join(', ')}</dd>` : ''}
  </dl>
  ${c.lat !== null && c.lon !== null ? `<div id="map" class="map small" data-lat="${c.lat}" data-lon="${c.lon}"></div><p id="map-note" class="note" hidden>${esc(t.mapUnavailable)}</p>` : ''}
  ${c.description ? section(t.description, `<p class="desc">${esc(c.description)}</p>`) : ''}
  ${photos.length ? section(t.photos, photos.map((u) => `<a href="${esc(u)}"><img src="${esc(u)}" alt="${esc(t.photos)}" loading="lazy"></a>`).join('')) : ''}
  ${c.status === 'closed' && c.status_notes ? section(t.closureNote, `<p id="closure-note">${esc(c.status_notes)}</p>`) : ''}
  ${closurePhoto ? section(t.closurePhoto, `<a href="${esc(closurePhoto)}"><img src="${esc(closurePhoto)}" alt="${esc(t.closurePhoto)}" loading="lazy"></a>`) : ''}
  ${section(t.history, `<ol class="history">${history.join('')}</ol>`)}
  ${followForm(pageBase(ctx, req, res), c.id, { phone: '', email: '', form: newFormId() }, {})}
  ${c.status !== 'closed' && sms ? `<p class="follow">${esc(fill(t.followBySms, { id: c.id, phone: sms }))}</p>` : ''}
</main>
<script type="application/json" id="page-data">${scriptJson({ lang, zoomTitles: [t.zoomIn, t.zoomOut], tileUrl: ctx.config.map.tileUrl, center: ctx.config.map.center, attribution: ctx.config.map.attribution })}</script>`;
    // The follow form's anti-forgery cookie makes the page this browser's own: no shared caching.
    res.set('Cache-Control', 'private, no-cache');
    res.type('html').send(
      layout({
        lang,
        dir: t.dir,
        title: `${fill(t.caseTitle, { id: c.id })}: ${c.service_name} · ${fill(t.siteTitle, { city: ctx.config.city.name })}`,
        body,
        map: c.lat !== null,
        script: true,
        foot: fill(t.contact, { phone: ctx.config.city.phone }),
      }),
    );
  };
}
