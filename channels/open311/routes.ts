import express, { Router, type Request, type Response } from 'express';
import type { ChannelContext } from '../../src/channels/channel';
import { authFailures, pickLanguage, retryAfterSeconds, type Refusal } from '../../src/channels/web';
import { discovery } from './discovery';
import { caseOfToken, submitServiceRequest } from './submit';
import { toServiceRequest } from './request-view';
import { parseRequestsQuery } from './requests-query';
import { formatOf, Open311Error, open311ErrorHandler, send, type Format } from './respond';
import { serviceDefinition, serviceList } from './services';

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

/** GeoReport v2: services, service requests (GET and POST) and tokens, in JSON and XML. */
export function open311Routes(ctx: ChannelContext): Router {
  const router = Router();
  const lang = (req: Request) => pickLanguage(req);
  const body = [express.urlencoded({ extended: true, limit: '64kb' }), express.json({ limit: '64kb' })];
  const failures = authFailures(ctx.limits, (res, v) => tooMany(res, formatOf(res.req.params.format), v, 'too many wrong api_keys from this address'));

  router.get(`${BASE}/discovery{.:format}`, (req, res) => {
    send(res, formatOf(req.params.format), 'discovery', discovery(ctx));
  });

  router.get(`${BASE}/services{.:format}`, (req, res) => {
    send(res, formatOf(req.params.format), 'services', serviceList(ctx.catalog, lang(req)));
  });

  router.get(`${BASE}/services/:code{.:format}`, (req, res) => {
    const format = formatOf(req.params.format);
    send(res, format, 'service_definition', serviceDefinition(ctx.catalog, req.params.code, lang(req)));
  });

  router.get(`${BASE}/requests{.:format}`, async (req, res) => {
    const format = formatOf(req.params.format);
    const rows = await ctx.port.publicCases.list(parseRequestsQuery(req.query as Record<string, unknown>));
    send(res, format, 'service_requests', rows.map((c) => toServiceRequest(c, ctx.catalog, lang(req))));
  });

  router.get(`${BASE}/requests/:id{.:format}`, async (req, res) => {
    const format = formatOf(req.params.format);
    const id = req.params.id;
    const c = /^\d{1,15}$/.test(id) ? await ctx.port.publicCases.get(Number(id)) : undefined;
    // A private case answers exactly like a missing one, so its existence is not disclosed.
    if (!c || !c.public) throw new Open311Error(404, `service_request_id "${id}" was not found`);
    send(res, format, 'service_requests', [toServiceRequest(c, ctx.catalog, lang(req))]);
  });

  router.get(`${BASE}/tokens/:token{.:format}`, async (req, res) => {
    const format = formatOf(req.params.format);
    const token = req.params.token;
    const id = /^[0-9a-f]{32}$/.test(token) ? await caseOfToken(ctx, token) : undefined;
    if (id === undefined) throw new Open311Error(404, `token "${token}" was not found`);
    send(res, format, 'service_requests', [{ service_request_id: id, token }]);
  });

  router.post(`${BASE}/requests{.:format}`, ...body, async (req, res) => {
    const format = formatOf(req.params.format);
    const key = apiKey(req);
    if (!key) throw new Open311Error(403, 'api_key is missing; ask the city for an Open311 API key');
    if (!(await failures.guard(req, res))) return;
    const client = await ctx.port.apiClients.find(key);
    if (!client || client.scope !== 'open311') {
      if (await failures.failed(req, res)) return;
      throw new Open311Error(403, 'api_key is not a valid Open311 key; ask the city for one');
    }
    const budget = await ctx.limits.hit('open311Posts', String(client.id));
    if (!budget.allowed) return tooMany(res, format, budget, 'this api_key has posted too many requests');
    const { result, replayed } = await submitServiceRequest(ctx, client, (req.body ?? {}) as Record<string, unknown>, req.get('Idempotency-Key'), lang(req));
    res.set('Idempotent-Replayed', String(replayed));
    send(res, format, 'service_requests', [result]);
  });

  router.use(BASE, (req) => {
    throw new Open311Error(404, `${req.method} ${BASE}${req.path} is not a GeoReport v2 resource; see ${BASE}/discovery.json`);
  });
  router.use(open311ErrorHandler(ctx.log));
  return router;
}
