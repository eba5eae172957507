import type { Language } from '../../domain/classifier';
import { esc } from '../html';
import { strings } from '../i18n';
import type { FieldErrors } from './draft';
import { HONEYPOT } from './guard';

export interface FieldOptions {
  name: string;
  label: string;
  value: string;
  errors: FieldErrors;
  hint?: string;
  type?: 'text' | 'tel' | 'email' | 'number';
  /** Extra attributes, already escaped. */
  attrs?: string;
}

/** The ids a field's description points at: its hint and its error, when it has them. */
function describedBy(o: { name: string; hint?: string; errors: FieldErrors }): string {
  const ids = [o.hint ? `f-${o.name}-hint` : '', o.errors[o.name] ? `f-${o.name}-error` : ''].filter(Boolean);
  return ids.length ? ` aria-describedby="${ids.join(' ')}"` : '';
}

/** The hint and the error under a label; the error is read with the field (aria-describedby) and listed in the summary. */
export function fieldNotes(o: { name: string; hint?: string; errors: FieldErrors }, lang: Language): string {
  const error = o.errors[o.name];
  return `${o.hint ? `<p class="hint" id="f-${o.name}-hint">${esc(o.hint)}</p>` : ''}${
    error
      ? `<p class="error" id="f-${o.name}-error"><span class="visually-hidden">${esc(strings(lang).report.errorPrefix)} </span>${esc(error)}</p>`
      : ''
  }`;
}

function invalid(o: { name: string; errors: FieldErrors }): string {
  return o.errors[o.name] ? ' aria-invalid="true"' : '';
}

export function textField(o: FieldOptions, lang: Language): string {
  return `<div class="field${o.errors[o.name] ? ' has-error' : ''}">
  <label for="f-${o.name}">${esc(o.label)}</label>
  ${fieldNotes(o, lang)}
  <input id="f-${o.name}" name="${o.name}" type="${o.type ?? 'text'}" value="${esc(o.value)}"${describedBy(o)}${invalid(o)}${o.attrs ?? ''}>
</div>`;
}

export function textArea(o: FieldOptions, lang: Language): string {
  return `<div class="field${o.errors[o.name] ? ' has-error' : ''}">
  <label for="f-${o.name}">${esc(o.label)}</label>
  ${fieldNotes(o, lang)}
  <textarea id="f-${o.name}" name="${o.name}" rows="5"${describedBy(o)}${invalid(o)}${o.attrs ?? ''}>${esc(o.value)}</textarea>
</div>`;
}

export function selectField(o: FieldOptions & { options: Array<[string, string]> }, lang: Language): string {
  const options = o.options.map(([v, label]) => `<option value="${esc(v)}"${v === o.value ? ' selected' : ''}>${esc(label)}</option>`).join('');
  return `<div class="field${o.errors[o.name] ? ' has-error' : ''}">
  <label for="f-${o.name}">${esc(o.label)}</label>
  ${fieldNotes(o, lang)}
  <select id="f-${o.name}" name="${o.name}"${describedBy(o)}${invalid(o)}${o.attrs ?? ''}>${options}</select>
</div>`;
}

/** Check boxes (multivaluelist answers) in their own fieldset, the question as its legend. */
export function checkboxGroup(o: FieldOptions & { options: Array<[string, string]>; values: string[] }, lang: Language): string {
  const boxes = o.options
    .map(
      ([v, label], i) =>
        `<label class="check"><input type="checkbox" name="${o.name}" value="${esc(v)}" id="f-${o.name}-${i}"${o.values.includes(v) ? ' checked' : ''}> ${esc(label)}</label>`,
    )
    .join('');
  return `<fieldset class="field${o.errors[o.name] ? ' has-error' : ''}" id="f-${o.name}"${describedBy(o)}><legend>${esc(o.label)}</legend>${fieldNotes(o, lang)}${boxes}</fieldset>`;
}

/** The list of what to fix, first on the page, each linking to its field; announced when the page opens. */
export function errorSummary(errors: FieldErrors, lang: Language): string {
  const entries = Object.entries(errors);
  if (!entries.length) return '';
  const t = strings(lang).report;
  const anchor = (name: string) => (name === 'form' ? '#report-form' : `#f-${name}`);
  return `<div class="error-summary" id="error-summary" role="alert" tabindex="-1">
  <h2>${esc(t.errorsTitle)}</h2>
  <ul>${entries.map(([name, message]) => `<li><a class="error-link" href="${anchor(name)}">${esc(message)}</a></li>`).join('')}</ul>
</div>`;
}

/** The field only bots fill in: off screen, out of the tab order and hidden from assistive technology. */
export function honeypotField(lang: Language): string {
  return `<div class="hp" aria-hidden="true"><label for="f-${HONEYPOT}">${esc(strings(lang).report.honeypot)}</label><input id="f-${HONEYPOT}" name="${HONEYPOT}" type="text" tabindex="-1" autocomplete="off" value=""></div>`;
}

export function hidden(name: string, value: string): string {
  return `<input type="hidden" name="${name}" value="${esc(value)}">`;
}
