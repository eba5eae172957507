import type { Request, Response } from 'express';
import type { AppContext } from '../context';
import type { CaseEvent, CaseRecord, NotificationRecord } from '../domain/types';
import { listCaseMedia, type MediaItem } from '../media/media-repo';
import { render } from '../outbound/templates';
import { characterBudget } from '../outbound/text-budget';
import { esc, safeUrl } from '../public/html';
import { listCannedResponses } from '../storage/canned-responses-repo';
import { getCase } from '../storage/cases-repo';
import { listEvents } from '../storage/events-repo';
import { listNotificationsForCase } from '../storage/notifications-repo';
import { listStaffUsers } from '../storage/staff-users-repo';
import { listSubscriptions } from '../storage/subscriptions-repo';
import { PRIORITIES } from './case-actions';
import { locationSection } from './case-location';
import { type FormState, fieldError, select, when } from './format';
import { fill } from './i18n';
import { csrfField, messagePage, type PageContext, staffLayout } from './layout';
import { departments } from './queue-page';
import { dueAt } from './queue-query';

/** What the resident said, in the order they said it: the report itself, then their comments. */
function residentWords(c: CaseRecord, events: CaseEvent[]): Array<{ at: Date; text: string; media: string[] }> {
  const transcript = typeof c.details.transcript === 'string' ? c.details.transcript : undefined;
  // A call's words are its transcript: the engine and confidence say how far to trust them; the recording settles it.
  const d = c.details;
  const engine =
    typeof d.transcript_engine === 'string'
      ? ` [${d.transcript_engine}${typeof d.transcript_confidence === 'number' ? ` ${Math.round(d.transcript_confidence * 100)}%` : ''}]`
      : '';
  const recordings = Array.isArray(d.recording_urls) ? (d.recording_urls as unknown[]).filter((u): u is string => typeof u === 'string') : [];
  const first = {
    at: c.created_at,
    text: `${transcript && transcript !== c.description ? `${c.description}\n(${transcript})` : c.description}${engine}`,
    media: [...c.media.map((m) => m.url), ...recordings],
  };
  const comments = events
    .filter((e) => e.type === 'comment')
    .map((e) => ({
      at: e.created_at,
      text: String(e.data.text ?? ''),
      media: Array.isArray(e.data.media) ? (e.data.media as Array<{ url: string }>).map((m) => m.url) : [],
    }));
  return [first, ...comments];
}

/** The message's words as the publisher renders them (before the channel's own length cut). */
function outboundText(ctx: AppContext, n: NotificationRecord, c: CaseRecord): string {
  return render(n, c, { catalog: ctx.catalog, locales: ctx.locales, publicBaseUrl: ctx.config.publicBaseUrl }, characterBudget(4000)).text;
}

/**
 * Where staff open an attachment: our processed copy when there is one (a provider's URL may need the account's
 * credentials, and may vanish), else the URL as received when it is a public one.
 */
function attachmentHref(url: string, media: MediaItem[]): string | undefined {
  const item = media.find((m) => m.source_url === url && m.status === 'ready');
  return item ? `/staff/media/${item.id}/display` : safeUrl(url);
}

/** The resident's language as staff read it: its English name and its own ("Haitian Creole · Kreyòl ayisyen"). */
function languageName(ctx: AppContext, code: string): string {
  if (!ctx.locales.has(code)) return code;
  const meta = ctx.locales.meta(code);
  return meta.english === meta.name ? meta.name : `${meta.english} · ${meta.name}`;
}

function conversation(ctx: AppContext, p: PageContext, c: CaseRecord, events: CaseEvent[], notes: NotificationRecord[], media: MediaItem[]): string {
  const dir = ctx.locales.has(c.language) ? ctx.locales.meta(c.language).dir : 'ltr';
  // The English key words intake glossed from a report in another language (details.gloss_en): a help, not a translation.
  const gloss = typeof c.details?.gloss_en === 'string' && c.language !== 'en' ? c.details.gloss_en : undefined;
  const items = [
    ...residentWords(c, events).map((w, i) => ({
      at: new Date(w.at),
      html: `<li class="msg in"><p class="who">${esc(p.t.inbound)} · ${esc(c.channel)} · ${when(w.at, p.lang)}</p><p lang="${esc(c.language)}" dir="${dir}">${esc(w.text)}</p>${
        i === 0 && gloss
          ? `<p class="muted gloss" id="gloss-en"><span>${esc(p.t.glossEn)}:</span> <span lang="en" dir="ltr">${esc(gloss)}</span></p>`
          : ''
      }${w.media
        .map((u) => attachmentHref(u, media))
        .filter(Boolean)
        .map((u, i) => `<a href="${esc(u as string)}">${esc(`${p.t.attachment} ${i + 1}`)}</a>`)
        .join(' ')}</li>`,
    })),
    ...notes
      .filter((n) => n.recipient !== 'feed')
      .map((n) => ({
        at: new Date(n.created_at),
        html: `<li class="msg out" data-notification="${n.id}"><p class="who">${esc(p.t.outbound)} · ${esc(n.channel)} · ${when(n.created_at, p.lang)}</p><p>${esc(outboundText(ctx, n, c))}</p>
<p class="muted">${esc(p.t.delivery)}: <span class="delivery">${esc(n.status)}</span>${n.last_error ? ` (${esc(n.last_error)})` : ''}</p></li>`,
      })),
  ].sort((a, b) => a.at.getTime() - b.at.getTime());
  return `<ol class="conversation">${items.map((i) => i.html).join('')}</ol>`;
}

function history(p: PageContext, events: CaseEvent[]): string {
  return `<ol class="history">${events
    .map((e) => {
      const detail = e.type === 'note' || e.type === 'replied' ? String(e.data.text ?? '') : JSON.stringify(e.data);
      return `<li>${when(e.created_at, p.lang)} <strong>${esc(e.type)}</strong> <span class="muted">${esc(e.actor)}${e.public ? '' : ' · internal'}</span><br>${esc(detail)}</li>`;
    })
    .join('')}</ol>`;
}

function form(req: Request, action: string, legend: string, fields: string, button: string, key?: string): string {
  return `<form method="post" action="${action}" class="stack"${key ? ` data-form-key="${key}"` : ''}>${csrfField(req)}<fieldset><legend>${esc(legend)}</legend>${fields}<button type="submit">${esc(button)}</button></fieldset></form>`;
}

/**
 * Closing: a note, and a photo file (processed at once, so the closure alert carries our copy) or a photo URL.
 * Multipart, with the CSRF field first so it is read even when the file that follows is refused.
 */
function closeForm(req: Request, p: PageContext, base: string, state?: FormState): string {
  const t = p.t;
  const note = fieldError(state, 'status_notes', 'close-note');
  const file = fieldError(state, 'photo', 'close-file');
  const url = fieldError(state, 'closure_media_url', 'close-photo');
  return `<form method="post" action="${base}/close" class="stack" enctype="multipart/form-data" data-form-key="c">${csrfField(req)}<fieldset><legend>${esc(t.close)}</legend>
<label for="close-note">${esc(t.closureNote)}</label><textarea id="close-note" name="status_notes" rows="2" maxlength="4000" required${note.attrs}>${esc(state?.values.status_notes ?? '')}</textarea>${note.message}
<label for="close-file">${esc(t.closurePhotoFile)}</label><input id="close-file" name="photo" type="file" accept="image/*"${file.attrs}>${file.message}
<label for="close-photo">${esc(t.closurePhoto)}</label><input id="close-photo" name="closure_media_url" type="url" inputmode="url" value="${esc(state?.values.closure_media_url ?? '')}"${url.attrs}>${url.message}
<button type="submit">${esc(t.doClose)}</button></fieldset></form>`;
}

/**
 * The resident's photos, each with a button to hide it from the public or show it again. Staff see our processed
 * copy (`/staff/media/...`, hidden ones too); a photo not processed (yet) shows its state and the reason.
 */
function photos(req: Request, p: PageContext, c: CaseRecord, items: MediaItem[]): string {
  if (c.media.length === 0) return '';
  const list = c.media.map((m, i) => {
    const label = `${p.t.photos} ${i + 1}`;
    const item = items.find((x) => x.kind === 'report' && x.position === i);
    const shown =
      item?.status === 'ready'
        ? `<a href="/staff/media/${item.id}/display"><img src="/staff/media/${item.id}/thumb" alt="${esc(label)}" loading="lazy"></a>`
        : `<span>${esc(label)}: ${esc(item ? `${item.status}${item.reason ? ` (${item.reason})` : ''}` : 'pending')}</span>`;
    return `<li data-photo="${i}">${shown}
${m.hidden ? `<strong class="badge">${esc(p.t.photoHidden)}</strong>` : ''}
<form method="post" action="/staff/cases/${c.service_request_id}/photos/${i}" class="inline">${csrfField(req)}<input type="hidden" name="hidden" value="${m.hidden ? 'false' : 'true'}">
<button type="submit">${esc(`${m.hidden ? p.t.showPhoto : p.t.hidePhoto}: ${label}`)}</button></form></li>`;
  });
  return `<section aria-labelledby="h-photos"><h2 id="h-photos">${esc(p.t.photos)}</h2><ul class="photos">${list.join('')}</ul></section>`;
}

/**
 * GET /staff/cases/{id}: everything about one case, and every action on it. With `state`, the page is redrawn
 * after a refused close or location form: the message sits next to the refused field and what was typed stays.
 */
export function casePage(ctx: AppContext) {
  return async (req: Request, res: Response, p: PageContext, state?: FormState): Promise<void> => {
    const raw = String(req.params.id);
    const c = /^\d{1,15}$/.test(raw) ? await getCase(ctx.db, Number(raw)) : undefined;
    if (!c) {
      res
        .status(404)
        .type('html')
        .send(messagePage(p, p.t.notFound, p.t.notFound));
      return;
    }
    const id = c.service_request_id;
    const [events, notes, subs, users, canned, due, media] = await Promise.all([
      listEvents(ctx.db, id),
      listNotificationsForCase(ctx.db, id),
      listSubscriptions(ctx.db, id),
      listStaffUsers(ctx.db),
      listCannedResponses(ctx.db),
      dueAt(ctx.db, ctx.catalog, c),
      listCaseMedia(ctx.db, id),
    ]);
    const t = p.t;
    const base = `/staff/cases/${id}`;
    const reporter = c.reporter;
    const contact = [reporter.name, reporter.handle ? `@${reporter.handle}` : undefined, reporter.address, reporter.email, reporter.phone]
      .filter(Boolean)
      .join(' · ');
    const overdue = due && c.status !== 'closed' && due.getTime() < Date.now();
    const suggestions = c.classification?.suggestions ?? [];
    const codes = ctx.catalog.services.map((s) => [s.service_code, ctx.catalog.name(s.service_code, p.lang)] as [string, string]);
    const canReply = subs.some((s) => s.role === 'reporter');
    const enabled = users.filter((u) => !u.disabled_at);
    const facts = `<dl class="facts">
<dt>${esc(t.status)}</dt><dd><span class="badge status-${c.status}" id="case-status">${esc(t.statuses[c.status])}</span>${c.duplicate_of ? ` <a href="/staff/cases/${c.duplicate_of}">${esc(fill(t.duplicateOf, { id: c.duplicate_of }))}</a>` : ''}</dd>
<dt>${esc(t.category)}</dt><dd>${esc(ctx.catalog.name(c.service_code, p.lang))}</dd>
<dt>${esc(t.department)}</dt><dd id="case-department">${esc(c.department ?? '')}</dd>
<dt>${esc(t.assignee)}</dt><dd id="case-assignee">${esc(users.find((u) => u.id === Number(c.assignee_id))?.name ?? t.unassigned)}</dd>
<dt>${esc(t.priority)}</dt><dd>${esc(t.priorities[c.priority ?? 'normal'])}</dd>
<dt>${esc(t.reported)}</dt><dd>${when(c.created_at, p.lang)} · ${esc(c.channel)}</dd>
<dt>${esc(t.language)}</dt><dd id="case-language">${esc(languageName(ctx, c.language))}</dd>
<dt>${esc(t.due)}</dt><dd${overdue ? ' class="overdue-text"' : ''}>${when(due, p.lang)}${overdue ? ` <strong>${esc(t.overdue)}</strong>` : ''}</dd>
<dt>${esc(t.reporter)}</dt><dd>${esc(contact || '-')}</dd>
<dt>${esc(t.location)}</dt><dd><a href="#h-loc">${esc(c.address ?? '-')}</a>${c.neighborhood ? ` · ${esc(c.neighborhood)}` : ''}</dd>
<dt>${esc(t.suggestions)}</dt><dd>${esc(suggestions.map((s) => `${ctx.catalog.name(s.service_code, p.lang)} ${Math.round(s.confidence * 100)}%`).join(', ') || '-')}</dd>
</dl>${c.public ? '' : `<p class="notice" id="private-notice">${esc(t.isPrivate)}</p>`}`;
    // Replies go out as written: the resident's own language's canned replies come first.
    const ordered = [...canned.filter((r) => r.language === c.language), ...canned.filter((r) => r.language !== c.language)];
    const cannedSelect = `<label for="canned">${esc(t.cannedOne)}</label><select id="canned" data-canned-for="reply-text"><option value="">${esc(t.none)}</option>${ordered
      .map((r) => `<option value="${esc(r.body)}" lang="${r.language}">${esc(`${r.language.toUpperCase()} · ${r.title}`)}</option>`)
      .join('')}</select>`;
    const actions = [
      form(
        req,
        `${base}/assign`,
        t.assign,
        `${select('assignee', 'assignee', t.assignTo, [['', t.unassigned], ...enabled.map((u) => [String(u.id), u.name] as [string, string])], c.assignee_id ? String(c.assignee_id) : '')}
${select(
  'department',
  'department',
  t.assignDept,
  departments(ctx).map((d) => [d, d] as [string, string]),
  c.department ?? undefined,
)}`,
        t.save,
        'a',
      ),
      form(req, `${base}/recategorise`, t.recategorise, select('service_code', 'service_code', t.category, codes, c.service_code), t.save),
      form(
        req,
        `${base}/priority`,
        t.setPriority,
        select(
          'priority',
          'priority',
          t.priority,
          PRIORITIES.map((v) => [v, t.priorities[v]] as [string, string]),
          c.priority ?? 'normal',
        ),
        t.save,
      ),
      form(
        req,
        `${base}/status`,
        t.setStatus,
        select('status', 'status', t.status, Object.entries(t.statuses) as Array<[string, string]>, c.status),
        t.save,
      ),
      canReply
        ? form(
            req,
            `${base}/reply`,
            t.reply,
            `${cannedSelect}<label for="reply-text">${esc(t.replyText)}</label><textarea id="reply-text" name="text" rows="3" maxlength="1000" required></textarea>`,
            t.send,
            'r',
          )
        : `<p>${esc(t.noReplyChannel)}</p>`,
      form(
        req,
        `${base}/note`,
        t.note,
        `<label for="note-text">${esc(t.note)}</label><textarea id="note-text" name="text" rows="3" maxlength="4000" required></textarea>`,
        t.addNote,
        'n',
      ),
      c.status !== 'closed' ? closeForm(req, p, base, state) : '',
      c.duplicate_of
        ? form(req, `${base}/unmerge`, t.unmerge, '', t.unmerge)
        : form(
            req,
            `${base}/merge`,
            t.merge,
            `<label for="merge-target">${esc(t.mergeTarget)}</label><input id="merge-target" name="target" inputmode="numeric" pattern="[0-9]*" required>`,
            t.doMerge,
          ),
      form(
        req,
        `${base}/visibility`,
        t.visibility,
        `<input type="hidden" name="public" value="${c.public ? 'false' : 'true'}">`,
        c.public ? t.makePrivate : t.makePublic,
      ),
      form(
        req,
        `${base}/redact`,
        t.redact,
        `<p class="muted" id="redact-help">${esc(t.redactHelp)}</p><label for="public-description">${esc(t.publicDescription)}</label><textarea id="public-description" name="public_description" rows="3" maxlength="4000" aria-describedby="redact-help">${esc(c.public_description ?? c.description)}</textarea>
<div class="check"><input id="restore" name="restore" type="checkbox" value="1"><label for="restore">${esc(t.restore)}</label></div>`,
        t.doRedact,
      ),
    ].join('');
    const done = req.query.done && !state ? `<p role="status" class="done">${esc(t.done)}</p>` : '';
    const body = `${done}${facts}
<div class="case-grid"><div>
<section aria-labelledby="h-conv"><h2 id="h-conv">${esc(t.conversation)}</h2>${conversation(ctx, p, c, events, notes, media)}</section>
${photos(req, p, c, media)}
${locationSection(ctx, req, p, c, state)}
<section aria-labelledby="h-desc"><h2 id="h-desc">${esc(t.publicDescription)}</h2><p id="public-text">${esc(c.public_description ?? c.description)}</p></section>
<section aria-labelledby="h-hist"><h2 id="h-hist">${esc(t.history)}</h2>${history(p, events)}</section>
</div><section aria-labelledby="h-act" class="actions"><h2 id="h-act">${esc(t.actions)}</h2>${actions}</section></div>`;
    res.type('html').send(staffLayout(p, `${t.caseNo} #${id}: ${ctx.catalog.name(c.service_code, p.lang)}`, body, { map: true }));
  };
}
