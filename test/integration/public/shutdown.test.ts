import type { AddressInfo } from 'node:net';
import { startWeb } from '../../../src/runtime';
import { testContext } from '../../support/context';
import { freshPgDatabase } from '../../support/db';

describe('web shutdown with live streams open', () => {
  it('stops even while a browser holds /feed/stream open', async () => {
    const db = await freshPgDatabase();
    const ctx = await testContext(db, { channels: [] });
    const { server, stop } = await startWeb(ctx, []);
    try {
      const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/feed/stream`);
      const reader = res.body!.getReader();
      await reader.read();
      // Without forcing the stream closed, close() would wait for it forever and this test would time out.
      await stop();
      await expect(
        reader.read().then(
          (r) => r.done,
          () => true,
        ),
      ).resolves.toBe(true);
    } finally {
      await ctx.queue.close();
      await db.close();
    }
  });
});
