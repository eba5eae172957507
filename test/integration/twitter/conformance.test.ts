import { twitterConformance } from '../../conformance/twitter';
import type { ConformanceHarness } from '../../conformance/adapter';

describe('twitter channel conformance adapter', () => {
  let h: ConformanceHarness;
  beforeAll(async () => {
    h = await twitterConformance.start();
  });
  afterAll(async () => h.stop());

  it('rejects a bad signature and stores nothing', async () => {
    const res = await h.send(h.badlySignedRequest());
    expect(res.status).toBe(403);
    expect(await h.storedRowCount()).toBe(0);
  });

  it('parses the recorded fixture into a valid report, and accepts it signed', async () => {
    const report = h.parseFixture();
    expect(report).toMatchObject({ channel: 'twitter', providerMessageId: '1105800000000000001', reporter: { address: '48151623' } });
    expect((await h.send(h.fixtureRequest())).status).toBe(200);
    expect(await h.storedRowCount()).toBe(2);
  });

  it('sends through the fake X and records its tweet id', async () => {
    const { storedProviderId, providerIdsAtFake } = await h.sendOne();
    expect(providerIdsAtFake).toEqual([storedProviderId]);
  });
});
