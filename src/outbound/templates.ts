import type { Catalog } from '../catalog/catalog';
import type { Language } from '../domain/classifier';
import type { Locales } from '../domain/locale';
import { publicPhotoUrls } from '../domain/media-url';
import { type CaseRecord, type CaseStatus, type NotificationRecord, UNANSWERED_CATEGORY_DETAIL } from '../domain/types';
import { compose, type Part } from './compose';
import type { TextBudget } from './text-budget';

export interface RenderDeps {
  catalog: Catalog;
  /** The enabled languages; a notification is written in its recipient's (the `notify` section of the locale). */
  locales: Locales;
  /** Without a trailing slash. */
  publicBaseUrl: string;
}

export interface Rendered {
  text: string;
  /** The closure photo, for channels that can attach it. */
  mediaUrl?: string;
}

/** The values a template reads: the snapshot taken when the change happened, falling back to the case now. */
interface View {
  id: string;
  service: string;
  /** The case sits in the catalog's catch-all: a reply says "your report", never "your Something else report". */
  catchAll: boolean;
  status: CaseStatus;
  notes?: string;
  photo?: string;
  address?: string;
  duplicateOf?: string;
  /** A staff member's own words (staff_reply). */
  reply?: string;
  /** The resident left the category question unanswered, so the category is our guess. */
  guessed: boolean;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

function view(n: NotificationRecord, c: CaseRecord, catalog: Catalog, language: Language): View {
  const p = n.params;
  const code = text(p.service_code) ?? c.service_code;
  const duplicateOf = p.duplicate_of ?? c.duplicate_of;
  return {
    id: String(n.case_id),
    service: catalog.name(code, language),
    catchAll: code === catalog.defaultServiceCode,
    status: (text(p.status) ?? c.status) as CaseStatus,
    notes: text(p.status_notes),
    address: text(p.address) ?? text(c.address),
    duplicateOf: duplicateOf === null || duplicateOf === undefined ? undefined : String(duplicateOf),
    reply: text(p.text),
    guessed: c.details?.[UNANSWERED_CATEGORY_DETAIL] === true,
  };
}

/**
 * The parts of each kind of message, most important first. Tracking numbers sit in required parts; notes
 * shrink; links, the address and courtesies are dropped when the channel has no room (highest `drop` kept longest).
 * Feed posts are public: they name the service, place and case, never who reported it.
 */
function parts(
  kind: NotificationRecord['kind'],
  v: View,
  say: (key: string, values?: Record<string, string>) => string,
  link: (id: string) => string,
): Part[] {
  const optional = (value: string | undefined, key: string, field: string, drop: number): Part[] =>
    value ? [{ text: say(key, { [field]: value }), drop }] : [];
  const notes: Part[] = v.notes ? [{ text: say('notes', { text: v.notes }), shrink: true }] : [];
  const about = { id: v.id, service: v.service };
  switch (kind) {
    case 'case_opened':
      return [
        { text: v.catchAll ? say('openedCatchAll', about) : say('opened', about) },
        ...(v.guessed ? [{ text: say('guessed'), drop: 3 }] : []),
        ...optional(v.address, 'at', 'address', 1),
        { text: say('track', { link: link(v.id) }), drop: 2 },
      ];
    case 'status_changed':
      return [{ text: say('statusChanged', { ...about, status: say(`statuses.${v.status}`) }) }, ...notes, { text: link(v.id), drop: 1 }];
    case 'case_closed':
      return [
        { text: say('closed', about) },
        ...notes,
        ...optional(v.photo, 'photo', 'url', 2),
        { text: say('thanks'), drop: 1 },
        { text: link(v.id), drop: 3 },
      ];
    case 'duplicate_linked': {
      // Linked at intake, the case is the one already reported; merged by staff, it points at the survivor.
      const survivor = v.duplicateOf ?? v.id;
      return [
        { text: say('alreadyReported', { id: survivor, service: v.service }) },
        { text: say('willTellYou') },
        { text: link(survivor), drop: 1 },
      ];
    }
    case 'follow_confirmed':
      return [
        { text: say('following', about) },
        { text: v.status === 'closed' ? say('willTellIfReopened') : say('willTellYou') },
        { text: link(v.id), drop: 1 },
      ];
    case 'feed_opened':
      return [{ text: say('feedOpened', about) }, ...optional(v.address, 'near', 'address', 1), { text: link(v.id), drop: 2 }];
    case 'staff_reply':
      return [{ text: say('replyAbout', about) }, { text: v.reply ?? '', shrink: true }, { text: link(v.id), drop: 1 }];
    case 'feed_closed':
      return [{ text: say('feedClosed', about) }, ...optional(v.address, 'near', 'address', 1), ...notes, { text: link(v.id), drop: 2 }];
  }
}

/** Renders a notification in its language, fitted to the channel's budget. */
export function render(n: NotificationRecord, c: CaseRecord, deps: RenderDeps, budget: TextBudget): Rendered {
  const language: Language = deps.locales.resolve(n.language);
  // The closure photo as our processed copy, when it is ready and not hidden; never the URL staff gave.
  const v = { ...view(n, c, deps.catalog, language), photo: publicPhotoUrls(c, deps.publicBaseUrl).closure ?? undefined };
  const link = (id: string) => `${deps.publicBaseUrl}/cases/${id}`;
  const rendered = compose(parts(n.kind, v, deps.locales.in(language, 'notify'), link), budget);
  return v.photo && (n.kind === 'case_closed' || n.kind === 'feed_closed') ? { text: rendered, mediaUrl: v.photo } : { text: rendered };
}
