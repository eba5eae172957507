import type { Request } from 'express';
import type { AppContext } from '../context';
import type { CaseRecord } from '../domain/types';
import { esc } from '../public/html';
import { type FormState, fieldError } from './format';
import { csrfField, type PageContext } from './layout';

/**
 * The case page's location section: where the case is as the geocoder understood it (normalised address, kind,
 * confidence, source, neighbourhood), and two forms to move it, by address (re-geocoded) or by pin. The pin form
 * is plain fields; the console's script adds a map whose marker fills them (click or drag), so it works without JS.
 */
export function locationSection(ctx: AppContext, req: Request, p: PageContext, c: CaseRecord, state?: FormState): string {
  const t = p.t;
  const action = `/staff/cases/${c.service_request_id}/location`;
  const typed = (name: string) => state?.values[name];
  const hasPoint = c.lat !== null && c.lon !== null;
  const facts = `<dl class="facts" id="case-location">
<dt>${esc(t.location)}</dt><dd>${esc(c.address ?? '-')}${hasPoint ? ` (${c.lat?.toFixed(5)}, ${c.lon?.toFixed(5)})` : ` · ${esc(t.noPoint)}`}</dd>
<dt>${esc(t.locationKind)}</dt><dd>${esc(c.location_kind ?? '-')}</dd>
<dt>${esc(t.confidence)}</dt><dd>${c.location_confidence === null ? '-' : `${Math.round(c.location_confidence * 100)}%`}</dd>
<dt>${esc(t.locationSource)}</dt><dd>${esc(c.location_source ?? '-')}</dd>
<dt>${esc(t.neighbourhood)}</dt><dd id="case-neighbourhood">${esc(c.neighborhood ?? '-')}</dd>
</dl>`;
  const address = fieldError(state, 'address', 'loc-address');
  const lat = fieldError(state, 'lat', 'loc-lat');
  const lon = fieldError(state, 'lon', 'loc-lon');
  const byAddress = `<form method="post" action="${action}" class="stack">${csrfField(req)}<fieldset><legend>${esc(t.byAddress)}</legend>
<label for="loc-address">${esc(t.newAddress)}</label><input id="loc-address" name="address" maxlength="300" required value="${esc(typed('address') ?? '')}"${address.attrs}>${address.message}
<button type="submit">${esc(t.moveCase)}</button></fieldset></form>`;
  const byPin = `<form method="post" action="${action}" class="stack">${csrfField(req)}<fieldset><legend>${esc(t.byPin)}</legend>
<p class="muted" id="map-help">${esc(t.mapHelp)}</p>
<div id="case-map" class="map" hidden role="region" aria-label="${esc(t.mapOfCase)}" data-tiles="${esc(ctx.config.map.tileUrl)}" data-center="${esc(ctx.config.map.center.join(','))}"${hasPoint ? ` data-lat="${c.lat}" data-lon="${c.lon}"` : ''}></div>
<label for="loc-lat">${esc(t.latitude)}</label><input id="loc-lat" name="lat" inputmode="decimal" required value="${esc(typed('lat') ?? (hasPoint ? String(c.lat) : ''))}"${lat.attrs}>${lat.message}
<label for="loc-lon">${esc(t.longitude)}</label><input id="loc-lon" name="lon" inputmode="decimal" required value="${esc(typed('lon') ?? (hasPoint ? String(c.lon) : ''))}"${lon.attrs}>${lon.message}
<button type="submit">${esc(t.moveCase)}</button></fieldset></form>`;
  return `<section aria-labelledby="h-loc"><h2 id="h-loc">${esc(t.location)}</h2>${facts}<h3>${esc(t.correctLocation)}</h3>${byAddress}${byPin}</section>`;
}
