import { esc } from './html';
import { formatDate, type Strings } from './i18n';
import type { PublicCase } from './public-case';

/**
 * One case in the list. The page also carries it, empty, as the `<template>` the browser fills for cases
 * arriving on the live stream, so the markup is defined once. Fields are marked `data-f` for that.
 */
export function caseItem(c: PublicCase | undefined, t: Strings, timeZone?: string): string {
  const { lang } = t;
  const status = c?.status ?? 'open';
  const attrs = c
    ? ` id="case-${c.id}" data-id="${c.id}" data-code="${esc(c.service_code)}" data-status="${status}"${
        c.lat !== null && c.lon !== null ? ` data-lat="${c.lat}" data-lon="${c.lon}"` : ''
      }`
    : '';
  return `<li class="case"${attrs}>
  <a class="case-link" data-f="link" href="${c ? `/cases/${c.id}?lang=${lang}` : ''}"><span class="num" data-f="num">${c ? `#${c.id}` : ''}</span>
  <span class="name" data-f="name">${esc(c?.service_name)}</span></a>
  <span class="badge status-${status}" data-f="status">${c ? esc(t.statuses[status]) : ''}</span>
  <p class="desc" data-f="description">${esc(c?.description)}</p>
  <p class="meta"><span data-f="address">${esc(c?.address)}</span> <time data-f="time" datetime="${c?.requested_at ?? ''}">${
    c ? esc(formatDate(new Date(c.requested_at), t.intl, timeZone)) : ''
  }</time></p>
</li>`;
}
