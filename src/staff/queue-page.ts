import type { Request, Response } from 'express';
import type { AppContext } from '../context';
import { esc } from '../public/html';
import { CHANNEL_NAMES } from '../registry';
import { listStaffUsers } from '../storage/staff-users-repo';
import { departmentCountsCache } from './counts-cache';
import { csv, select, when } from './format';
import { fill } from './i18n';
import { csrfField, type PageContext, staffLayout } from './layout';
import { PAGE_SIZE, type QueueFilter, type QueueRow, queryQueue } from './queue-query';

/** The catalog's departments, each once, in order. */
export function departments(ctx: AppContext): string[] {
  return [...new Set(ctx.catalog.services.map((s) => s.department))].sort();
}

function row(ctx: AppContext, p: PageContext, c: QueueRow): string {
  const id = c.service_request_id;
  const desc = c.description.length > 140 ? `${c.description.slice(0, 140)}…` : c.description;
  const point = c.lat !== null && c.lon !== null ? ` data-lat="${c.lat}" data-lon="${c.lon}"` : '';
  return `<tr data-case="${id}"${point}${c.overdue ? ' class="overdue"' : ''}>
<td><input type="checkbox" name="ids" value="${id}" form="bulk" aria-label="${esc(fill(p.t.select, { id }))}"></td>
<td><a href="/staff/cases/${id}">#${id}</a></td>
<td><span class="badge status-${c.status}">${esc(p.t.statuses[c.status])}</span>${c.overdue ? ` <strong class="badge overdue-badge">${esc(p.t.overdue)}</strong>` : ''}</td>
<td>${esc(ctx.catalog.name(c.service_code, p.lang))}<br><span class="muted">${esc(c.department ?? '')}</span></td>
<td class="desc">${esc(desc)}${c.address ? `<br><span class="muted">${esc(c.address)}</span>` : ''}</td>
<td>${esc(c.channel)}</td>
<td>${esc(c.assignee_name ?? p.t.unassigned)}</td>
<td>${esc(p.t.priorities[c.priority ?? 'normal'] ?? c.priority)}</td>
<td>${when(c.created_at, p.lang)}</td>
<td>${when(c.due_at, p.lang)}</td>
</tr>`;
}

/** GET /staff: the triage queue with counts, filters, bulk actions and live updates. Made once per console. */
export function queuePage(ctx: AppContext) {
  const counts = departmentCountsCache(ctx.db, ctx.signals);
  return async (req: Request, res: Response, p: PageContext, f: QueueFilter): Promise<void> => {
    const [rows, departmentCounts, users] = await Promise.all([
      queryQueue(ctx.db, ctx.catalog, f, req.staff!.user.id),
      counts(),
      listStaffUsers(ctx.db),
    ]);
    const t = p.t;
    const enabled = users.filter((u) => !u.disabled_at);
    const any: [string, string] = ['', t.any];
    const codes = ctx.catalog.services.map((s) => [s.service_code, ctx.catalog.name(s.service_code, p.lang)] as [string, string]);
    const statusItems: Array<[string, string]> = [any, ['active', `${t.statuses.open} + ${t.statuses.in_progress}`], ...Object.entries(t.statuses)];
    const filters = `<form method="get" action="/staff" class="filters" role="search" aria-label="${esc(t.filters)}">
<div><label for="q">${esc(t.search)}</label><input id="q" name="q" type="search" value="${esc(f.q ?? '')}" data-key="/"></div>
<div>${select('f-status', 'status', t.status, statusItems, f.status)}</div>
<div>${select('f-code', 'service_code', t.category, [any, ...codes], f.service_code)}</div>
<div>${select('f-channel', 'channel', t.channel, [any, ...CHANNEL_NAMES.map((c) => [c, c] as [string, string])], f.channel)}</div>
<div>${select('f-dept', 'department', t.department, [any, ...departments(ctx).map((d) => [d, d] as [string, string])], f.department)}</div>
<div><label for="f-hood">${esc(t.neighbourhood)}</label><input id="f-hood" name="neighborhood" value="${esc(f.neighborhood ?? '')}"></div>
<div>${select('f-assignee', 'assignee', t.assignee, [any, ['none', t.unassigned], ['me', req.staff!.user.name], ...enabled.map((u) => [String(u.id), u.name] as [string, string])], f.assignee)}</div>
<div><label for="f-from">${esc(t.from)}</label><input id="f-from" name="from" type="date" value="${esc(f.from ?? '')}"></div>
<div><label for="f-to">${esc(t.to)}</label><input id="f-to" name="to" type="date" value="${esc(f.to ?? '')}"></div>
<div class="check"><input id="f-overdue" name="overdue" type="checkbox" value="1"${f.overdue ? ' checked' : ''}><label for="f-overdue">${esc(t.overdueOnly)}</label></div>
<div><button type="submit">${esc(t.apply)}</button></div>
</form>`;
    const query = new URLSearchParams(Object.entries(f).filter(([, v]) => v !== undefined) as Array<[string, string]>).toString();
    const countTable = `<table class="counts"><caption>${esc(t.counts)}</caption><thead><tr><th scope="col">${esc(t.department)}</th><th scope="col">${esc(t.statuses.open)}</th><th scope="col">${esc(t.unassigned)}</th></tr></thead><tbody>${departmentCounts
      .map(
        (c) =>
          `<tr><th scope="row"><a href="/staff?department=${encodeURIComponent(c.department ?? '')}&amp;status=active">${esc(c.department ?? '-')}</a></th><td>${c.open}</td><td>${c.unassigned}</td></tr>`,
      )
      .join('')}</tbody></table>`;
    const bulk = `<form method="post" action="/staff/bulk" id="bulk" class="bulk" aria-label="${esc(t.bulk)}">${csrfField(req)}
<fieldset><legend>${esc(t.bulk)}</legend>
<div>${select('bulk-action', 'action', t.bulkAction, [
      ['assign', t.bulkAssign],
      ['recategorise', t.bulkRecategorise],
      ['close', t.bulkClose],
      ['merge', t.bulkMerge],
    ])}</div>
<div>${select('bulk-assignee', 'assignee', t.bulkAssign, [['', t.unassigned], ...enabled.map((u) => [String(u.id), u.name] as [string, string])])}</div>
<div>${select('bulk-code', 'service_code', t.bulkRecategorise, codes)}</div>
<div><label for="bulk-note">${esc(t.bulkClose)}</label><input id="bulk-note" name="note"></div>
<div><label for="bulk-target">${esc(t.bulkMerge)}</label><input id="bulk-target" name="target" inputmode="numeric" pattern="[0-9]*"></div>
<div><button type="submit">${esc(t.run)}</button></div></fieldset></form>`;
    const table = rows.length
      ? `<div class="table-wrap" role="region" aria-label="${esc(t.cases)}" tabindex="0"><table class="queue" id="queue"><caption>${esc(t.cases)}</caption><thead><tr><th scope="col"><span class="sr-only">${esc(t.select.replace(' {id}', ''))}</span></th><th scope="col">${esc(t.caseNo)}</th><th scope="col">${esc(t.status)}</th><th scope="col">${esc(t.category)}</th><th scope="col">${esc(t.description)}</th><th scope="col">${esc(t.channel)}</th><th scope="col">${esc(t.assignee)}</th><th scope="col">${esc(t.priority)}</th><th scope="col">${esc(t.reported)}</th><th scope="col">${esc(t.due)}</th></tr></thead>
<tbody>${rows.map((c) => row(ctx, p, c)).join('')}</tbody></table></div>`
      : `<p>${esc(t.noCases)}</p>`;
    const page = f.page ?? 1;
    const pager =
      rows.length === PAGE_SIZE
        ? `<p><a href="/staff?${esc(new URLSearchParams({ ...Object.fromEntries(new URLSearchParams(query)), page: String(page + 1) }).toString())}">→ ${page + 1}</a></p>`
        : '';
    const body = `<p class="muted" id="shortcuts">${esc(t.shortcuts)}</p>
<div id="live" class="live" role="status" aria-live="polite" data-refresh="#queue tbody,table.counts tbody" data-template="${esc(t.liveNew)}" data-reload="${esc(t.reload)}"></div>
${filters}${countTable}
<p><a href="/staff/export.csv?${esc(query)}">${esc(t.exportCsv)}</a></p>
<div id="queue-map" class="map" hidden role="region" aria-label="${esc(t.mapOf)}" data-tiles="${esc(ctx.config.map.tileUrl)}" data-center="${esc(ctx.config.map.center.join(','))}"></div>
${bulk}${table}${pager}`;
    res.type('html').send(staffLayout(p, t.queue, body, { map: rows.some((r) => r.lat !== null) }));
  };
}

/** GET /staff/export.csv: the selection as a spreadsheet (no reporter contact details). */
export function exportCsv(ctx: AppContext) {
  return async (req: Request, res: Response, f: QueueFilter): Promise<void> => {
    const rows = await queryQueue(ctx.db, ctx.catalog, { ...f, page: undefined }, req.staff!.user.id, 5000);
    const header = [
      'service_request_id',
      'status',
      'service_code',
      'department',
      'channel',
      'description',
      'address',
      'assignee',
      'priority',
      'created_at',
      'due_at',
      'overdue',
      'closed_at',
    ];
    const body = csv(
      header,
      rows.map((c) => [
        c.service_request_id,
        c.status,
        c.service_code,
        c.department,
        c.channel,
        c.description,
        c.address,
        c.assignee_name,
        c.priority,
        c.created_at,
        c.due_at,
        c.overdue,
        c.closed_at,
      ]),
    );
    res.type('text/csv').set('Content-Disposition', 'attachment; filename="cases.csv"').send(body);
  };
}
