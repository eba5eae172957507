import type { Express } from 'express';
import { open311Channel } from '../../../channels/open311';
import { createApp } from '../../../src/http/app';
import { createToken } from '../../../src/storage/tokens-repo';
import { type TestContext, testContext } from '../../support/context';
import { freshPgDatabase } from '../../support/db';

/** An app with only the Open311 channel, on a fresh PostgreSQL schema, with an `open311` API key. */
export async function open311App(env: Record<string, string> = {}): Promise<{
  ctx: TestContext;
  app: Express;
  apiKey: string;
  close: () => Promise<void>;
}> {
  const db = await freshPgDatabase();
  const ctx = await testContext(db, { channels: [open311Channel], env });
  const app = createApp(ctx, [open311Channel]);
  const apiKey = await createToken(db, 'test app', 'open311');
  return {
    ctx,
    app,
    apiKey,
    close: async () => {
      await ctx.queue.close();
      await db.close();
    },
  };
}
