import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Open311 from 'open311';
import { open311Channel } from '../../../channels/open311';
import { createApp } from '../../../src/http/app';
import type { Database } from '../../../src/storage/database';
import { createToken } from '../../../src/storage/tokens-repo';
import { type TestContext, testContext } from '../../support/context';
import { freshPgDatabase } from '../../support/db';

/** Calls one of the client's callback methods as a promise; its error (a status code or true) fails the test. */
function call<T>(fn: (cb: (err: unknown, data: T) => void) => void): Promise<T> {
  return new Promise((resolve, reject) =>
    fn((err, data) => (err ? reject(new Error(`open311 client: ${String(err)} ${String(data)}`)) : resolve(data))),
  );
}

/**
 * An independent Open311 client from the npm registry (codeforamerica's `open311`, JSON mode) against a real
 * listening server: discovery, services, a POST that answers with a token (batch mode), the token exchanged for the
 * id, the request read back, and its updates.
 */
describe('the npm open311 client against intake311', () => {
  let server: http.Server;
  let db: Database;
  let ctx: TestContext;
  let base: string;
  let apiKey: string;
  beforeAll(async () => {
    server = http.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    db = await freshPgDatabase();
    ctx = await testContext(db, {
      channels: [open311Channel],
      env: { PUBLIC_BASE_URL: base, OPEN311_SERVICE_TYPE: 'batch', OPEN311_JURISDICTION_ID: 'boston.gov' },
    });
    server.on('request', createApp(ctx, [open311Channel]));
    apiKey = await createToken(db, 'npm client', 'open311');
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await ctx.queue.close();
    await db.close();
  });

  it('goes from discovery to a filed request, its token, the request and its updates', async () => {
    const client = new Open311({ discovery: `${base}/open311/v2/discovery.json`, apiKey, jurisdiction: 'boston.gov' });
    const discovery = await call<Record<string, unknown>>((cb) => client.serviceDiscovery({ cache: true }, cb));
    expect(discovery.jurisdiction_id).toBe('boston.gov');
    expect(client.endpoint).toBe(`${base}/open311/v2/`);

    const services = await call<Record<string, unknown>[]>((cb) => client.serviceList(cb));
    const pothole = services.find((s) => s.service_code === 'pothole');
    expect(pothole).toMatchObject({ metadata: true, type: 'batch' });
    const definition = await call<{ attributes: { code: string; values: { key: string }[] }[] }>((cb) =>
      client.serviceDefinition('pothole', cb as never),
    );
    const size = definition.attributes.find((a) => a.code === 'size')!;

    const answer = await call<Record<string, unknown>[]>((cb) =>
      client.submitRequest(
        {
          service_code: 'pothole',
          lat: 42.3467,
          long: -71.0972,
          address_string: '4 Yawkey Way',
          description: 'Wheel-eating pothole',
          attributes: { size: size.values[1].key },
        },
        cb,
      ),
    );
    expect(Object.keys(answer[0])).toEqual(['token', 'service_notice', 'account_id']);
    const token = String(answer[0].token);

    const exchanged = await call<Record<string, unknown>[]>((cb) => client.token(token, cb));
    const id = String(exchanged[0].service_request_id);
    expect(exchanged[0].token).toBe(token);

    await ctx.cases.update(Number(id), { status: 'closed', status_notes: 'Patched' }, 'staff:test');
    const [filed] = await call<Record<string, unknown>[]>((cb) => client.serviceRequests(id, cb));
    expect(filed).toMatchObject({
      service_request_id: id,
      service_code: 'pothole',
      status: 'closed',
      status_notes: 'Patched',
      address: '4 Yawkey Way',
    });
    expect(filed.requested_datetime).toBeInstanceOf(Date);

    const listed = await call<Record<string, unknown>[]>((cb) => client.serviceRequests([id], cb as never));
    expect(listed.map((r) => r.service_request_id)).toEqual([id]);

    const body = await call<string>((cb) => client._get('servicerequestupdates', { start_date: new Date(Date.now() - 3600_000).toISOString() }, cb));
    const updates = JSON.parse(body) as Record<string, string>[];
    expect(updates.filter((u) => u.service_request_id === id).at(-1)).toMatchObject({ status: 'closed', description: 'Patched' });
  });
});
