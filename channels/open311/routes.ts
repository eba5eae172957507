import express, { Router, type Request } from 'express';
import type { ChannelContext } from '../../src/channels/channel';
import { pickLanguage } from '../../src/channels/web';
import { discovery } from './discovery';
import { caseOfToken, submitServiceRequest } from './submit';
import { toServiceRequest } from './request-view';
import { parseRequestsQuery } from './requests-query';
import { formatOf, Open311Error, open311ErrorHandler, send } from './respond';
import { serviceDefinition, serviceList } from './services';

const BASE = '/open311/v2';

function apiKey(req: Request): string | undefined {
  const v = (req.body as Record<string, unknown> | undefined)?.api_key ?? req.query.api_key;
  return typeof v === 'string' && v ? v : undefined;
}

/** GeoReport v2: services, service requests (GET and POST) and tokens, in JSON and XML. */
export function open311Routes(ctx: ChannelContext): Router {
  const router = Router();
  const lang = (req: Request) => pickLanguage(req);
  const body = [express.urlencoded({ extended: true, limit: '64kb' }), express.json({ limit: '64kb' })];

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
    const client = await ctx.port.apiClients.find(key);
    if (!client || client.scope !== 'open311') throw new Open311Error(403, 'api_key is not a valid Open311 key; ask the city for one');
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
