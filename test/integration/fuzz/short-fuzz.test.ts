import { type FuzzServer, startFuzzServer } from '../../fuzz/fuzz-server';
import { formatReport, runFuzz } from '../../fuzz/run-fuzz';
import { freshPgDatabase } from '../../support/db';

/** The CI-sized run of `npm run fuzz`: the same generators with a fixed seed, over every route of the app. */
describe('short fuzz: 1,500 malformed requests over every route', () => {
  let db: Awaited<ReturnType<typeof freshPgDatabase>>;
  let server: FuzzServer;
  beforeAll(async () => {
    db = await freshPgDatabase();
    server = await startFuzzServer(db);
  });
  afterAll(async () => {
    await server.close();
    await db.close();
  });

  it('gets no 5xx (nor a reset connection) for any of them', async () => {
    const report = await runFuzz({
      baseUrl: server.baseUrl,
      routes: server.routes,
      secrets: server.secrets,
      total: 1500,
      seed: 1401,
      concurrency: 4,
      maxSeconds: 600,
    });
    const serverErrors = report.requests - (report.byClass['2xx'] ?? 0) - (report.byClass['3xx'] ?? 0) - (report.byClass['4xx'] ?? 0);
    // On failure the report (with a sample of the requests that failed) and what the app logged say what to fix.
    expect({ serverErrors, report: serverErrors ? `${formatReport(report)}\n${server.loggedErrors.join('\n')}` : '' }).toEqual({
      serverErrors: 0,
      report: '',
    });
    for (const route of server.routes) expect(report.byRoute[`${route.method} ${route.path}`]?.requests).toBeGreaterThan(0);
  }, 660_000);
});
