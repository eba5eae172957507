import fs from 'node:fs';
import type { Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { webhookSecret } from '../../channels/twitter/webhook-routes';
import { loadConfig } from '../../src/config';
import { createApp } from '../../src/http/app';
import { createLogger } from '../../src/logger';
import { CHANNELS } from '../../src/registry';
import { buildContext } from '../../src/runtime';
import type { Database } from '../../src/storage/database';
import { createToken } from '../../src/storage/tokens-repo';
import { KeywordClassifier } from '../support/keyword-classifier';
import type { FuzzSecrets } from './requests';
import { listRoutes, type RouteInfo } from './routes';

/** The whole app (every channel, simulated vendors) on an ephemeral 127.0.0.1 port, with the secrets to sign for it. */
export interface FuzzServer {
  baseUrl: string;
  routes: RouteInfo[];
  secrets: FuzzSecrets;
  /** The messages of errors the app logged, to tell what a 5xx was. */
  loggedErrors: string[];
  close(): Promise<void>;
}

/** Starts the HTTP app in this process. No workers run, so nothing is sent or fetched; `close` removes its data folder. */
export async function startFuzzServer(db: Database): Promise<FuzzServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'intake311-fuzz-'));
  const loggedErrors: string[] = [];
  const log = createLogger('error', {
    write(line: string) {
      const entry = JSON.parse(line) as { msg?: string; err?: { message?: string } };
      loggedErrors.push(`${entry.msg}: ${entry.err?.message ?? ''}`);
    },
  });
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'error', PORT: '0' });
  const ctx = await buildContext(config, { db, log, classifier: new KeywordClassifier(), channels: CHANNELS });
  const app = createApp(ctx, CHANNELS);
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as { port: number };
  const secrets: FuzzSecrets = {
    publicBaseUrl: config.publicBaseUrl,
    twilio: ctx.twilioSigningSecret,
    twitter: webhookSecret(config),
    open311Key: await createToken(db, 'fuzz app', 'open311'),
    staffToken: await createToken(db, 'fuzz staff', 'staff'),
  };
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    routes: listRoutes(app),
    secrets,
    loggedErrors,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await ctx.queue.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
