import express, { type Request, type Response, Router } from 'express';
import type { ChannelContext } from '../../src/channels/channel';
import type { ApiClient, PublicCaseUpdate } from '../../src/channels/port';
import { authFailures, pickLanguage, type Refusal, retryAfterSeconds } from '../../src/channels/web';
import { open311Cors } from './cors';
import { discovery } from './discovery';
import { checkJurisdiction } from './jurisdiction';
import { postServiceRequestUpdate } from './post-update';
import { extendedAttributes, toServiceRequest } from './request-view';
import { parseRequestsQuery } from './requests-query';
import { type Format, formatOf, Open311Error, open311ErrorHandler, send } from './respond';
import { serviceDefinition, serviceList } from './services';
import { caseOfToken, submitServiceRequest } from './submit';
import { parseUpdatesQuery } from './updates-query';
import { toRequestUpdate } from './updates-view';
import { multipartBody } from './uploads';

const BASE = '/open311/v2';

/** 429 in the GeoReport error format, with Retry-After. */
function tooMany(res: Response, format: Format, v: Refusal, why: string): void {
  res.set('Retry-After', retryAfterSeconds(v));
  send(res, format, 'errors', [{ code: 429, description: `${why}; wait ${retryAfterSeconds(v)} s and retry` }], 429);
}

function apiKey(req: Request): string | undefined {
  const v = (req.body as Record<string, unknown> | undefined)?.api_key ?? req.query.api_key;
  return typeof v === 'string' && v ? v : undefined;
}

/** GeoReport v2: discovery, services, service requests (GET and POST), tokens and FixMyStreet's updates, in JSON and XML. */
export function open311Routes(ctx: ChannelContext): Router {
  const router = Router();
  const lang = (req: Request) => pickLanguage(req, ctx.locales);
  const body = [multipartBody, express.urlencoded({ extended: true, limit: '64kb' }), express.json({ limit: '64kb' })];
  const failures = authFailures(ctx.limits, (res, v) =>
    tooMany(res, formatOf(res.req.params.format), v, 'too many wrong api_keys from this address'),
  );
  const jurisdiction = (req: Request, _res: Response, next: () => void) => {
    checkJurisdiction(ctx.config.open311, req);
    next();
  };

  /** The api_key's client, within its posting budget; undefined when an answer (429) was already sent. */
  async function poster(req: Request, res: Response, format: Format): Promise<ApiClient | undefined> {
    const key = apiKey(req);
    if (!key) throw new Open311Error(403, 'api_key is missing; ask the city for an Open311 API key');
    if (!(await failures.guard(req, res))) return undefined;
    const client = await ctx.port.apiClients.find(key);
    if (client?.scope !== 'open311') {
      if (await failures.failed(req, res)) return undefined;
      throw new Open311Error(403, 'api_key is not a valid Open311 key; ask the city for one');
    }
    const budget = await ctx.limits.hit('open311Posts', String(client.id));
    if (!budget.allowed) return void tooMany(res, format, budget, 'this api_key has posted too many requests');
    return client;
  }

  router.use(BASE, open311Cors(ctx.config.open311));
  router.get(`${BASE}/*path`, jurisdiction);

  router.get(`${BASE}/discovery{.:format}`, async (req, res) => {
    send(res, formatOf(req.params.format), 'discovery', await discovery(ctx));
  });

  router.get(`${BASE}/services{.:format}`, (req, res) => {
    send(res, formatOf(req.params.format), 'services', serviceList(ctx.catalog, lang(req), ctx.config.open311.serviceType));
  });

  router.get(`${BASE}/services/:code{.:format}`, (req, res) => {
    const format = formatOf(req.params.format);
    send(res, format, 'service_definition', serviceDefinition(ctx.catalog, req.params.code, lang(req)));
  });

  router.get(`${BASE}/requests{.:format}`, async (req, res) => {
    const format = formatOf(req.params.format);
    const rows = await ctx.port.publicCases.list(parseRequestsQuery(req.query as Record<string, unknown>));
    const extended = req.query.extensions === 'true';
    const updates = new Map<number, PublicCaseUpdate[]>();
    if (extended && rows.length) {
      const all = await ctx.port.publicCases.updates({ from: new Date(0), caseIds: rows.map((c) => c.service_request_id), limit: 10_000 });
      for (const u of all) {
        const list = updates.get(u.caseId);
        if (list) list.push(u);
        else updates.set(u.caseId, [u]);
      }
    }
    // Once per request, not per case: the language comes from the query and Accept-Language.
    const language = lang(req);
    send(
      res,
      format,
      'service_requests',
      // One object per request (a page has up to 1,000): the extensions are added to it, not spread into a copy.
      rows.map((c) => {
        const request = toServiceRequest(c, ctx.catalog, language, ctx.config.publicBaseUrl);
        return extended ? Object.assign(request, extendedAttributes(c, updates.get(c.service_request_id) ?? [], ctx.config.publicBaseUrl)) : request;
      }),
    );
  });

  router.get(`${BASE}/requests/:id{.:format}`, async (req, res) => {
    const format = formatOf(req.params.format);
    const id = req.params.id;
    const c = /^\d{1,15}$/.test(id) ? await ctx.port.publicCases.get(Number(id)) : undefined;
    // A private case answers exactly like a missing one, so its existence is not disclosed.
    if (!c?.public) throw new Open311Error(404, `service_request_id "${id}" was not found`);
    const extended = req.query.extensions === 'true';
    const updates = extended ? await ctx.port.publicCases.updates({ from: new Date(0), caseIds: [c.service_request_id], limit: 1000 }) : [];
    send(res, format, 'service_requests', [
      {
        ...toServiceRequest(c, ctx.catalog, lang(req), ctx.config.publicBaseUrl),
        ...(extended ? extendedAttributes(c, updates, ctx.config.publicBaseUrl) : {}),
      },
    ]);
  });

  router.get(`${BASE}/tokens/:token{.:format}`, async (req, res) => {
    const format = formatOf(req.params.format);
    const token = req.params.token;
    const id = /^[0-9a-f]{32}$/.test(token) ? await caseOfToken(ctx, token) : undefined;
    if (id === undefined) throw new Open311Error(404, `token "${token}" was not found`);
    send(res, format, 'service_requests', [{ service_request_id: String(id), token }]);
  });

  router.get(`${BASE}/servicerequestupdates{.:format}`, async (req, res) => {
    const format = formatOf(req.params.format);
    const updates = await ctx.port.publicCases.updates(parseUpdatesQuery(req.query as Record<string, unknown>));
    send(res, format, 'service_requests_updates', updates.map(toRequestUpdate));
  });

  router.post(`${BASE}/requests{.:format}`, ...body, jurisdiction, async (req, res) => {
    const format = formatOf(req.params.format);
    const client = await poster(req, res, format);
    if (!client) return;
    const fields = (req.body ?? {}) as Record<string, unknown>;
    const { result, replayed } = await submitServiceRequest(ctx, client, fields, req.get('Idempotency-Key'), lang(req), req.file);
    res.set('Idempotent-Replayed', String(replayed));
    send(res, format, 'service_requests', [result]);
  });

  router.post(`${BASE}/servicerequestupdates{.:format}`, ...body, jurisdiction, async (req, res) => {
    const format = formatOf(req.params.format);
    if (req.file) throw new Open311Error(400, "an update's photo is sent as media_url; file uploads are taken on POST requests only");
    const client = await poster(req, res, format);
    if (!client) return;
    const { result, replayed } = await postServiceRequestUpdate(ctx, client, (req.body ?? {}) as Record<string, unknown>, req.get('Idempotency-Key'));
    res.set('Idempotent-Replayed', String(replayed));
    send(res, format, 'service_request_updates', [result]);
  });

  router.use(BASE, (req) => {
    throw new Open311Error(404, `${req.method} ${BASE}${req.path} is not a GeoReport v2 resource; see ${BASE}/discovery.json`);
  });
  router.use(open311ErrorHandler(ctx.log));
  return router;
}
