import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { getMediaItem } from '../../../src/media/media-repo';
import { startCli } from '../../support/cli';
import { pgEnv, TEST_REDIS_URL } from '../../support/db';
import { phonePhoto } from '../../support/images';
import { dropRedisPrefix } from '../../support/redis';
import { ACCOUNT_SID, AUTH_TOKEN, BASE_URL, type MediaHarness, startMediaHarness } from './media-harness';

/** The ingest worker as its own process (`intake311 work`, built), killed with SIGKILL while it downloads. */
describe('a worker killed mid-download', () => {
  let h: MediaHarness;
  const prefix = `t${crypto.randomBytes(5).toString('hex')}`;
  const children: { kill: (s: NodeJS.Signals) => boolean }[] = [];
  beforeAll(async () => {
    h = await startMediaHarness({ worker: false });
  });
  afterAll(async () => {
    for (const c of children) c.kill('SIGKILL');
    await dropRedisPrefix(prefix);
    await h.stop();
  });

  const startWorker = async () => {
    const { child } = await startCli(
      ['work'],
      {
        // The harness's database is a fresh schema of the test server (freshPgDatabase): the worker joins it.
        ...pgEnv(h.ctx.db as unknown as { schema: string }),
        REDIS_URL: TEST_REDIS_URL,
        QUEUE_PREFIX: prefix,
        DATA_DIR: h.dataDir,
        LOG_LEVEL: 'info',
        PUBLIC_BASE_URL: BASE_URL,
        TWILIO_ACCOUNT_SID: ACCOUNT_SID,
        TWILIO_AUTH_TOKEN: AUTH_TOKEN,
        TWILIO_PHONE_NUMBER: '+16175550311',
        TWILIO_API_BASE_URL: h.twilio.baseUrl,
        MEDIA_POLL_MS: '100',
        MEDIA_SWEEP_SECONDS: '2',
      },
      'worker running',
    );
    children.push(child);
    return child;
  };

  it('is retried by the next worker and leaves exactly one stored copy', async () => {
    h.twilio.addMms('MMkill', 'MEkill', await phonePhoto({ width: 1600, height: 1200 }), { stallFirst: 1 });
    const caseId = await h.mms('big pothole outside 12 Elm St', [{ messageSid: 'MMkill', mediaSid: 'MEkill' }]);
    const first = await startWorker();
    const downloads = () => h.twilio.requests.filter((r) => r.path.endsWith('/Media/MEkill')).length;
    for (let i = 0; downloads() < 1; i++) {
      if (i > 300) throw new Error('the first worker never started the download');
      await new Promise((r) => setTimeout(r, 50));
    }
    const [row] = (await h.ctx.db.query<{ id: number; status: string }>('SELECT id::int AS id, status FROM media_items WHERE case_id = $1', [caseId]))
      .rows;
    expect(row.status).toBe('processing');
    first.kill('SIGKILL');
    await new Promise((resolve) => first.once('exit', resolve));

    await startWorker();
    const [item] = await h.settled(caseId, 30000);
    expect(item.status).toBe('ready');
    expect(downloads()).toBe(2);
    expect((await getMediaItem(h.ctx.db, item.id))!.jobs).toBeGreaterThanOrEqual(2);
    // One copy of each size, and nothing half-written left beside them.
    expect(fs.readdirSync(path.join(h.dataDir, 'media', String(item.id))).sort()).toEqual([
      'display.jpg',
      'display.jpg.type',
      'original',
      'original.type',
      'thumb.jpg',
      'thumb.jpg.type',
    ]);
    const page = await request(h.app).get(`/cases/${caseId}`);
    expect(page.text).toContain(`${BASE_URL}/media/${item.id}/display`);
  });
});
