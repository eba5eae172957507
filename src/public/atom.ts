import type { Request, Response } from 'express';
import type { AppContext } from '../context';
import { latestFeedEvents } from './feed-queries';
import { esc, safeUrl } from './html';
import { fill, pickLanguage, strings } from './i18n';
import { toPublicCase } from './public-case';

const ENTRIES = 50;

/** GET /feed.atom: an Atom 1.0 feed (RFC 4287) of public cases opened and closed, newest first. */
export function atomHandler(ctx: AppContext) {
  return async (req: Request, res: Response): Promise<void> => {
    const lang = pickLanguage(req, ctx.locales);
    const t = strings(lang, ctx.locales);
    const base = ctx.config.publicBaseUrl;
    const host = new URL(base).hostname;
    const events = await latestFeedEvents(ctx.db, ENTRIES);
    const updated = (events[0]?.created_at ? new Date(events[0].created_at) : new Date(0)).toISOString();
    const entries = events.map((e) => {
      const c = toPublicCase(e.case, ctx.catalog, lang, base);
      const opened = e.type === 'opened' || e.type === 'reopened';
      const title = fill(opened ? t.feedOpened : t.feedClosed, { name: c.service_name, id: c.id });
      const when = new Date(e.created_at).toISOString();
      const parts = [c.description, c.address, opened ? null : c.status_notes].filter(Boolean).join(' — ');
      const photo = safeUrl(opened ? c.photos[0] : c.closure_media_url);
      return `  <entry>
    <id>tag:${esc(host)},2024:case-event/${e.id}</id>
    <title>${esc(title)}</title>
    <updated>${when}</updated>
    <published>${when}</published>
    <link rel="alternate" type="text/html" href="${esc(c.url)}"/>
    <category term="${esc(c.service_code)}" label="${esc(c.service_name)}"/>
    <summary type="text">${esc(parts || title)}</summary>${photo ? `\n    <link rel="enclosure" href="${esc(photo)}"/>` : ''}${
      c.lat !== null && c.lon !== null ? `\n    <georss:point>${c.lat} ${c.lon}</georss:point>` : ''
    }
  </entry>`;
    });
    res.type('application/atom+xml; charset=utf-8').send(`<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:georss="http://www.georss.org/georss" xml:lang="${lang}">
  <id>tag:${esc(host)},2024:feed/${lang}</id>
  <title>${esc(fill(t.feedTitle, { city: ctx.config.city.name }))}</title>
  <updated>${updated}</updated>
  <author><name>${esc(`${ctx.config.city.name} 311`)}</name></author>
  <link rel="self" type="application/atom+xml" href="${esc(`${base}/feed.atom?lang=${lang}`)}"/>
  <link rel="alternate" type="text/html" href="${esc(`${base}/?lang=${lang}`)}"/>
${entries.join('\n')}
</feed>
`);
  };
}
