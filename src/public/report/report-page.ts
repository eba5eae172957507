import type { Catalog, ServiceAttribute } from '../../catalog/catalog';
import type { Config } from '../../config';
import type { Language } from '../../domain/classifier';
import type { Locales } from '../../domain/locale';
import type { Place } from '../../domain/place';
import type { CaseRecord } from '../../domain/types';
import { esc, layout, scriptJson } from '../html';
import { fill, languageSwitcher, strings } from '../i18n';
import type { Draft, FieldErrors } from './draft';
import { checkboxGroup, errorSummary, fieldNotes, hidden, honeypotField, selectField, textArea, textField } from './fields';

/** What every page of the form needs. */
export interface PageBase {
  lang: Language;
  config: Config;
  catalog: Catalog;
  csrf: string;
  /** The enabled languages, for the language switcher. */
  locales?: Locales;
}

/** The page shell of the form's pages: a way back, the other language, the city's phone in the footer. */
export function reportLayout(
  p: Pick<PageBase, 'lang' | 'config' | 'locales'>,
  title: string,
  main: string,
  options: { map?: boolean; data?: unknown } = {},
): string {
  const t = strings(p.lang, p.locales);
  const body = `<header class="top">
  <a href="/?lang=${p.lang}">← ${esc(t.backToList)}</a>
  ${p.locales ? languageSwitcher(p.locales, t, (code) => `/report?lang=${code}`) : ''}
</header>
<main class="report">
${main}
</main>${options.data ? `\n<script type="application/json" id="report-data">${scriptJson(options.data)}</script>\n<script src="/assets/report.js" defer></script>` : ''}`;
  return layout({
    lang: p.lang,
    dir: t.dir,
    title: `${title} · ${fill(t.siteTitle, { city: p.config.city.name })}`,
    body,
    map: options.map,
    foot: fill(t.contact, { phone: p.config.city.phone }),
  });
}

/** MEDIA_MAX_BYTES as a resident reads it: "10 MB", or "500 KB" below a megabyte. */
export function photoLimit(config: Config): string {
  const bytes = config.media.maxBytes;
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)} MB` : `${Math.round(bytes / 1024)} KB`;
}

/** The staged photo, shown small, with a way to drop it. */
function photoBlock(p: PageBase, draft: Draft, errors: FieldErrors, previewUrl: string | undefined): string {
  const t = strings(p.lang).report;
  const kept = previewUrl
    ? `<p>${esc(t.photoKept)}</p><img class="preview" src="${esc(previewUrl)}" alt="${esc(t.photoPreview)}">
  <label class="check"><input type="checkbox" name="remove_photo" value="1"> ${esc(t.removePhoto)}</label>`
    : '';
  return `<fieldset class="group"><legend>${esc(t.photo)}</legend>
  ${kept}
  <div class="field${errors.photo ? ' has-error' : ''}">
  <label for="f-photo">${esc(previewUrl ? t.photoReplace : t.photoChoose)}</label>
  ${fieldNotes({ name: 'photo', hint: fill(t.photoHint, { size: photoLimit(p.config) }), errors }, p.lang)}
  <input id="f-photo" name="photo_file" type="file" accept="image/*" aria-describedby="f-photo-hint${errors.photo ? ' f-photo-error' : ''}"${errors.photo ? ' aria-invalid="true"' : ''}>
  <img id="photo-preview" class="preview" alt="${esc(t.photoPreview)}" hidden>
  </div>
  ${hidden('photo', draft.photo)}
</fieldset>`;
}

function contactBlock(p: PageBase, draft: Draft, errors: FieldErrors): string {
  const t = strings(p.lang).report;
  return `<fieldset class="group" aria-describedby="contact-hint"><legend>${esc(t.contact)}</legend>
  <p class="hint" id="contact-hint">${esc(t.contactHint)}</p>
  ${textField({ name: 'phone', label: t.phone, value: draft.phone, errors, type: 'tel', attrs: ' autocomplete="tel" inputmode="tel"' }, p.lang)}
  ${textField({ name: 'email', label: t.email, value: draft.email, errors, type: 'email', attrs: ' autocomplete="email"' }, p.lang)}
</fieldset>
<fieldset class="group"><legend>${esc(t.privacy)}</legend>
  <label class="check"><input type="checkbox" name="private" value="1"${draft.private ? ' checked' : ''}> ${esc(t.private)}</label>
</fieldset>`;
}

function categoryOptions(p: PageBase, withChooseForMe: boolean): Array<[string, string]> {
  const t = strings(p.lang).report;
  const codes = p.catalog.codes().map((c): [string, string] => [c, p.catalog.name(c, p.lang)]);
  return withChooseForMe ? [['', t.chooseForMe], ...codes] : codes;
}

/**
 * Step one: where, what, how to hear back, a photo. Works without JavaScript; report.js adds the map, suggestions and
 * the photo's preview. The photo comes last: a multipart body cut short at an oversized file still has every typed field.
 */
export function formPage(p: PageBase, draft: Draft, errors: FieldErrors, previewUrl?: string): string {
  const t = strings(p.lang).report;
  const main = `<h1>${esc(t.title)}</h1>
<p>${esc(t.intro)}</p>
${errorSummary(errors, p.lang)}
<form id="report-form" method="post" action="/report?lang=${p.lang}" enctype="multipart/form-data" novalidate>
  ${hidden('_csrf', p.csrf)}${hidden('form', draft.form)}${hidden('lang', p.lang)}
  <fieldset class="group"><legend>${esc(t.where)}</legend>
  ${textField({ name: 'address', label: t.address, value: draft.address, errors, hint: t.addressHint, attrs: ' autocomplete="off" list="address-suggestions" maxlength="200"' }, p.lang)}
  <datalist id="address-suggestions"></datalist>
  ${hidden('lat', draft.lat)}${hidden('lon', draft.lon)}
  <div id="locate-tools" hidden>
    <button type="button" id="use-location">${esc(t.useLocation)}</button>
    <p class="hint" id="map-help">${esc(t.mapHelp)}</p>
    <div id="report-map" class="map small" role="region" aria-label="${esc(t.where)}" aria-describedby="map-help"></div>
  </div>
  <p id="locate-status" class="note" role="status" aria-live="polite"></p>
  </fieldset>
  <fieldset class="group"><legend>${esc(t.what)}</legend>
  ${textArea({ name: 'description', label: t.description, value: draft.description, errors, hint: t.descriptionHint, attrs: ' maxlength="4000"' }, p.lang)}
  ${selectField({ name: 'service_code', label: t.category, value: draft.serviceCode, errors, options: categoryOptions(p, true) }, p.lang)}
  </fieldset>
  ${contactBlock(p, draft, errors)}
  ${honeypotField(p.lang)}
  ${photoBlock(p, draft, errors, previewUrl)}
  <button type="submit" name="step" value="review" class="primary">${esc(t.next)}</button>
</form>`;
  const data = {
    lang: p.lang,
    tileUrl: p.config.map.tileUrl,
    center: p.config.map.center,
    zoom: p.config.map.zoom,
    attribution: p.config.map.attribution,
    words: {
      locating: t.locating,
      locationFailed: t.locationFailed,
      pinPlaced: t.pinPlaced,
      suggestion: t.suggestion,
      zoomIn: t.zoomIn,
      zoomOut: t.zoomOut,
    },
  };
  return reportLayout(p, t.title, main, { map: true, data });
}

function attributeField(p: PageBase, a: ServiceAttribute, draft: Draft, errors: FieldErrors): string {
  const t = strings(p.lang).report;
  const name = `attr_${a.code}`;
  const label = `${a.description[p.lang]}${a.required ? '' : ` ${t.optional}`}`;
  const value = draft.attributes[a.code];
  const options = (a.values ?? []).map((v): [string, string] => [v.key, v.name[p.lang]]);
  if (a.datatype === 'multivaluelist') {
    return checkboxGroup({ name, label, value: '', values: Array.isArray(value) ? value : value ? [value] : [], errors, options }, p.lang);
  }
  if (a.datatype === 'singlevaluelist') {
    return selectField({ name, label, value: typeof value === 'string' ? value : '', errors, options: [['', t.choose], ...options] }, p.lang);
  }
  const text = typeof value === 'string' ? value : '';
  if (a.datatype === 'text') return textArea({ name, label, value: text, errors, attrs: ' maxlength="500"' }, p.lang);
  return textField({ name, label, value: text, errors, attrs: a.datatype === 'number' ? ' inputmode="decimal"' : ' maxlength="500"' }, p.lang);
}

export interface ReviewView {
  place: Place;
  serviceCode: string;
  /** The category was proposed by the classifier, not chosen. */
  proposed: boolean;
  nearby: Array<{ case: CaseRecord; meters: number }>;
  previewUrl?: string;
  /** The resident changed the category: its questions are new to them. */
  categoryChanged?: boolean;
}

/** Step two: the proposed category (changeable), its questions, nearby open cases to follow instead, and Send. */
export function reviewPage(p: PageBase, draft: Draft, errors: FieldErrors, v: ReviewView): string {
  const t = strings(p.lang).report;
  const service = p.catalog.get(v.serviceCode);
  const attributes = service?.attributes ?? [];
  const nearby = v.nearby.length
    ? `<section class="nearby" aria-labelledby="nearby-title"><h2 id="nearby-title">${esc(t.nearbyTitle)}</h2>
  <p>${esc(t.nearbyIntro)}</p>
  <ul class="cases">${v.nearby
    .map(
      ({
        case: c,
        meters,
      }) => `<li class="case"><a class="case-link" href="/cases/${c.service_request_id}?lang=${p.lang}"><span class="num">#${c.service_request_id}</span> ${esc(p.catalog.name(c.service_code, p.lang))}</a>
    <p class="desc">${esc(c.description)}</p><p class="meta">${esc(c.address ?? '')} · ${esc(meters < 10 ? t.sameSpot : fill(t.metersAway, { m: meters }))}</p>
    <button type="submit" name="follow" value="${c.service_request_id}">${esc(fill(t.followInstead, { id: c.service_request_id }))}</button></li>`,
    )
    .join('')}</ul></section>`
    : '';
  const main = `<h1>${esc(t.reviewTitle)}</h1>
${errorSummary(errors, p.lang)}
${v.categoryChanged ? `<p class="notice" role="status">${esc(t.categoryChanged)}</p>` : ''}
<form id="report-form" method="post" action="/report?lang=${p.lang}" enctype="multipart/form-data" novalidate>
  ${hidden('_csrf', p.csrf)}${hidden('form', draft.form)}${hidden('lang', p.lang)}
  ${hidden('address', draft.address)}${hidden('lat', draft.lat)}${hidden('lon', draft.lon)}${hidden('description', draft.description)}${hidden('photo', draft.photo)}${hidden('attrs_for', v.serviceCode)}
  <section aria-labelledby="summary-title"><h2 id="summary-title">${esc(t.summary)}</h2>
  <dl class="facts">
    <dt>${esc(strings(p.lang).location)}</dt><dd id="review-address">${esc(v.place.address)}</dd>
    <dt>${esc(strings(p.lang).description)}</dt><dd class="desc">${esc(draft.description)}</dd>
  </dl>
  ${v.previewUrl ? `<img class="preview" src="${esc(v.previewUrl)}" alt="${esc(t.photoPreview)}">` : ''}
  </section>
  <fieldset class="group"><legend>${esc(t.what)}</legend>
  ${v.proposed ? `<p class="hint" id="proposal">${esc(fill(t.proposed, { name: p.catalog.name(v.serviceCode, p.lang) }))}</p>` : ''}
  ${selectField({ name: 'service_code', label: t.category, value: v.serviceCode, errors, options: categoryOptions(p, false) }, p.lang)}
  <button type="submit" name="step" value="review" class="secondary" id="update-questions">${esc(t.updateQuestions)}</button>
  </fieldset>
  ${attributes.length ? `<fieldset class="group"><legend>${esc(t.details)}</legend>${attributes.map((a) => attributeField(p, a, draft, errors)).join('\n')}</fieldset>` : ''}
  ${contactBlock(p, draft, errors)}
  ${nearby}
  ${honeypotField(p.lang)}
  <div class="actions">
  <button type="submit" name="step" value="${v.nearby.length ? 'send-new' : 'send'}" class="primary" id="send">${esc(v.nearby.length ? t.notMine : t.send)}</button>
  <button type="submit" name="step" value="edit" class="secondary">${esc(t.edit)}</button>
  </div>
</form>`;
  return reportLayout(p, t.reviewTitle, main, { data: { lang: p.lang } });
}

/** A short page with one message (a refusal, a follow done, an unsubscribe), and where to go next. */
export function messagePage(p: Pick<PageBase, 'lang' | 'config' | 'locales'>, title: string, html: string): string {
  return reportLayout(p, title, `<h1>${esc(title)}</h1>\n${html}`);
}

/**
 * The page for a request refused as a whole (a filled honeypot, a body that could not be read): nothing was kept, so
 * it says so and gives the city's number, without naming what tripped it.
 */
export function refusedPage(p: Pick<PageBase, 'lang' | 'config' | 'locales'>, title: string): string {
  const t = strings(p.lang, p.locales);
  return messagePage(p, title, `<p role="alert">${esc(fill(t.errors.refused, { phone: p.config.city.phone }))}</p>`);
}
