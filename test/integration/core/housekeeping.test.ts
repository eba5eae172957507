import { startHousekeeping } from '../../../src/housekeeping';
import { saveConversation } from '../../../src/storage/conversations-repo';
import { testContext } from '../../support/context';
import { freshPgDatabase } from '../../support/db';

describe('housekeeping', () => {
  it('deletes conversations idle longer than the retention period and keeps recent ones', async () => {
    const db = await freshPgDatabase();
    const ctx = await testContext(db, { channels: [], env: { CONVERSATION_RETENTION_DAYS: '7' } });
    try {
      await saveConversation(db, 'sms', '+15550003001', { step: 'location' });
      await saveConversation(db, 'voice', 'CA-old', { step: 'address' });
      await saveConversation(db, 'sms', '+15550003002', { step: 'category' });
      await db.query("UPDATE conversations SET updated_at = now() - interval '8 days' WHERE conversation_key IN ('+15550003001', 'CA-old')");
      const { stop, sweep } = startHousekeeping(ctx, 60_000);
      await sweep();
      await stop();
      const { rows } = await db.query<{ conversation_key: string }>('SELECT conversation_key FROM conversations ORDER BY 1');
      expect(rows.map((r) => r.conversation_key)).toEqual(['+15550003002']);
    } finally {
      await ctx.queue.close();
      await db.close();
    }
  });
});
