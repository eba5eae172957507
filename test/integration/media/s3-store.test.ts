import request from 'supertest';
import { loadConfig } from '../../../src/config';
import { createMediaStore } from '../../../src/media/create-store';
import { FakeS3 } from '../../fakes/s3';
import { phonePhoto } from '../../support/images';
import { type MediaHarness, startMediaHarness } from './media-harness';

let s3: FakeS3;
beforeAll(async () => {
  s3 = await new FakeS3().start();
});
afterAll(async () => {
  await s3.stop();
});

describe('the S3 media store', () => {
  it('writes, reads, lists, overwrites and deletes objects through @aws-sdk/client-s3', async () => {
    const store = createMediaStore(loadConfig({ DATA_DIR: '/tmp/unused', ...s3.env('rt/') }).media);
    expect(store.kind).toBe('s3');
    const bytes = await phonePhoto({ width: 320, height: 240 });
    await store.put('7/display.jpg', bytes, 'image/jpeg');
    await store.put('7/thumb.jpg', Buffer.from('thumb'), 'image/jpeg');
    const got = await store.get('7/display.jpg');
    expect(got?.contentType).toBe('image/jpeg');
    expect(got?.bytes.equals(bytes)).toBe(true);
    await store.put('7/thumb.jpg', Buffer.from('thumb, again'), 'image/jpeg');
    expect(await store.list('7/')).toEqual(['7/display.jpg', '7/thumb.jpg']);
    expect((await store.get('7/thumb.jpg'))?.bytes.toString()).toBe('thumb, again');
    expect(await store.get('8/display.jpg')).toBeUndefined();
    await store.delete(['7/display.jpg', '7/thumb.jpg', '7/original']);
    expect(await store.list('7/')).toEqual([]);
  });

  describe('behind the whole ingest path', () => {
    let h: MediaHarness;
    beforeAll(async () => {
      h = await startMediaHarness({ env: s3.env('photos/') });
    });
    afterAll(async () => {
      await h.stop();
    });

    it('stores every size in the bucket, serves them, and deleting the photo removes every size', async () => {
      h.twilio.addMms('MMs3', 'MEs3', await phonePhoto({ width: 1200, height: 900 }));
      const caseId = await h.mms('big pothole outside 12 Elm St', [{ messageSid: 'MMs3', mediaSid: 'MEs3' }]);
      const [item] = await h.settled(caseId);
      expect(item.status).toBe('ready');
      expect(await h.ctx.media.store.list(`${item.id}/`)).toEqual([`${item.id}/display.jpg`, `${item.id}/original`, `${item.id}/thumb.jpg`]);
      const shown = await request(h.app).get(`/media/${item.id}/display`);
      expect(shown.status).toBe(200);
      expect(shown.headers['content-type']).toBe('image/jpeg');

      const del = await request(h.app).delete(`/api/v1/media/${item.id}`).set('Authorization', `Bearer ${h.staffToken}`);
      expect(del.status).toBe(200);
      expect(del.body.status).toBe('deleted');
      expect(await h.ctx.media.store.list(`${item.id}/`)).toEqual([]);
      expect((await request(h.app).get(`/media/${item.id}/display`)).status).toBe(404);
      expect((await request(h.app).get(`/cases/${caseId}`)).text).not.toContain(`/media/${item.id}/`);
    });
  });
});
