import type { Request } from 'express';
import type { Language } from '../domain/classifier';
import type { CaseStatus } from '../domain/types';

const EN = {
  siteTitle: '{city} 311: service requests',
  recent: 'Recent reports',
  category: 'Category',
  status: 'Status',
  allCategories: 'All categories',
  allStatuses: 'Any status',
  filter: 'Show',
  older: 'Older reports',
  noCases: 'No reports match.',
  mapUnavailable: 'The map could not load; the list has every report.',
  live: 'Updates appear here as they happen.',
  reported: 'Reported',
  updated: 'Updated',
  location: 'Location',
  description: 'Description',
  photos: 'Photos',
  history: 'History',
  closureNote: 'How it was resolved',
  closurePhoto: 'Photo of the fix',
  duplicateOf: 'Duplicate of',
  duplicates: 'Also reported as',
  reporters: 'Residents who reported this',
  followBySms: 'To get a text when this changes, send FOLLOW {id} to {phone}.',
  backToList: 'All reports',
  otherLanguage: 'Español',
  caseTitle: 'Report #{id}',
  feedTitle: '{city} 311 reports: opened and closed',
  contact: 'To talk to someone at the city, call {phone}. In an emergency, call 911.',
  feedOpened: 'New: {name} #{id}',
  feedClosed: 'Closed: {name} #{id}',
  via: { sms: 'text message', voice: 'phone call', twitter: 'X (Twitter)', open311: 'an app', web: 'the web' } as Record<string, string>,
  statuses: { open: 'Open', in_progress: 'In progress', closed: 'Closed' } as Record<CaseStatus, string>,
  events: {
    opened: 'Reported via {via}',
    status_changed: 'Status changed to {status}',
    closed: 'Closed',
    reopened: 'Reopened',
    recategorized: 'Category changed to {name}',
    status_notes: 'City note: {text}',
    closure_media: 'Photo of the fix added',
    note: 'City note: {text}',
    duplicate_linked: 'Report #{id} was merged into this one',
    merged: 'Marked as a duplicate of #{id}',
  } as Record<string, string>,
};

const ES: typeof EN = {
  siteTitle: '{city} 311: solicitudes de servicio',
  recent: 'Reportes recientes',
  category: 'Categoría',
  status: 'Estado',
  allCategories: 'Todas las categorías',
  allStatuses: 'Cualquier estado',
  filter: 'Mostrar',
  older: 'Reportes anteriores',
  noCases: 'Ningún reporte coincide.',
  mapUnavailable: 'El mapa no pudo cargar; la lista tiene todos los reportes.',
  live: 'Las novedades aparecen aquí al momento.',
  reported: 'Reportado',
  updated: 'Actualizado',
  location: 'Ubicación',
  description: 'Descripción',
  photos: 'Fotos',
  history: 'Historial',
  closureNote: 'Cómo se resolvió',
  closurePhoto: 'Foto del arreglo',
  duplicateOf: 'Duplicado de',
  duplicates: 'También reportado como',
  reporters: 'Residentes que lo reportaron',
  followBySms: 'Para recibir un mensaje cuando cambie, envíe SEGUIR {id} al {phone}.',
  backToList: 'Todos los reportes',
  otherLanguage: 'English',
  caseTitle: 'Reporte #{id}',
  feedTitle: 'Reportes de {city} 311: abiertos y cerrados',
  contact: 'Para hablar con alguien de la ciudad, llame al {phone}. En una emergencia, llame al 911.',
  feedOpened: 'Nuevo: {name} #{id}',
  feedClosed: 'Cerrado: {name} #{id}',
  via: { sms: 'mensaje de texto', voice: 'llamada', twitter: 'X (Twitter)', open311: 'una aplicación', web: 'la web' },
  statuses: { open: 'Abierto', in_progress: 'En curso', closed: 'Cerrado' },
  events: {
    opened: 'Reportado por {via}',
    status_changed: 'Estado cambiado a {status}',
    closed: 'Cerrado',
    reopened: 'Reabierto',
    recategorized: 'Categoría cambiada a {name}',
    status_notes: 'Nota de la ciudad: {text}',
    closure_media: 'Se añadió una foto del arreglo',
    note: 'Nota de la ciudad: {text}',
    duplicate_linked: 'El reporte #{id} se unió a este',
    merged: 'Marcado como duplicado de #{id}',
  },
};

export type Strings = typeof EN;

/** The site's words in a language. */
export function strings(lang: Language): Strings {
  return lang === 'es' ? ES : EN;
}

/** Fills `{name}` placeholders. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? String(values[k]) : m));
}

/** The page language: `?lang=` wins, then Accept-Language, then English. */
export function pickLanguage(req: Request): Language {
  const q = req.query.lang;
  if (q === 'es' || q === 'en') return q;
  return req.acceptsLanguages('en', 'es') === 'es' ? 'es' : 'en';
}

// Building an Intl.DateTimeFormat costs far more than formatting with one (a home page of 50 cases spent over a
// quarter of its CPU building them): one per language and zone, kept for the process's life.
const formatters = new Map<string, Intl.DateTimeFormat>();

/** A date as residents read it, in the page's language and the city's time zone (TIME_ZONE; unset: the server's). */
export function formatDate(d: Date, lang: Language, timeZone?: string): string {
  const key = `${lang} ${timeZone ?? ''}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(lang === 'es' ? 'es-US' : 'en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone });
    formatters.set(key, format);
  }
  return format.format(d);
}

let serverZone: string | undefined;

/** The zone public pages show times in; the browser is told it too, so cases added live read the same. */
export function displayTimeZone(configured?: string): string {
  serverZone ??= Intl.DateTimeFormat().resolvedOptions().timeZone;
  return configured ?? serverZone;
}
