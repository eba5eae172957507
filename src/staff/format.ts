import type { Language } from '../domain/classifier';
import { esc } from '../public/html';
import { formatDate } from '../public/i18n';

/** A date and time as staff read it, in the city's locale. */
export function when(d: Date | string | null | undefined, lang: Language): string {
  if (!d) return '';
  const date = new Date(d);
  return `<time datetime="${date.toISOString()}">${esc(formatDate(date, lang === 'es' ? 'es-US' : 'en-US'))}</time>`;
}

/** `<option>`s with the current value selected. */
export function options(items: Array<[string, string]>, current: string | undefined): string {
  return items.map(([v, label]) => `<option value="${esc(v)}"${v === (current ?? '') ? ' selected' : ''}>${esc(label)}</option>`).join('');
}

/** A labelled `<select>`. */
export function select(id: string, name: string, label: string, items: Array<[string, string]>, current?: string): string {
  return `<label for="${id}">${esc(label)}</label><select id="${id}" name="${name}">${options(items, current)}</select>`;
}

/** One CSV field, quoted when needed; a leading =, +, - or @ is defused so a spreadsheet never runs it as a formula. */
export function csvField(value: unknown): string {
  let s =
    value === null || value === undefined
      ? ''
      : value instanceof Date
        ? value.toISOString()
        : typeof value === 'object'
          ? JSON.stringify(value)
          : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csv(header: string[], rows: unknown[][]): string {
  return `${[header, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n')}\r\n`;
}

/** A case-page form redrawn after a refusal: the field refused, why, and what was typed (kept in the form). */
export interface FormState {
  field: string;
  message: string;
  values: Record<string, string>;
}

/**
 * For the input `id` carrying form field `name`: its attributes and the message shown right after it when `state`
 * refused that field (`aria-invalid`, and `aria-describedby` so a screen reader reads why).
 */
export function fieldError(state: FormState | undefined, name: string, id: string): { attrs: string; message: string } {
  if (state?.field !== name) return { attrs: '', message: '' };
  return {
    attrs: ` aria-invalid="true" aria-describedby="${id}-error" autofocus`,
    message: `<p class="field-error" id="${id}-error" role="alert">${esc(state.message)}</p>`,
  };
}
