import { smsConformance } from '../../conformance/sms';
import type { ConformanceHarness } from '../../conformance/adapter';

describe('sms channel conformance adapter', () => {
  let h: ConformanceHarness;
  beforeAll(async () => {
    h = await smsConformance.start();
  });
  afterAll(async () => h.stop());

  it('rejects a bad signature and stores nothing', async () => {
    const res = await h.send(h.badlySignedRequest());
    expect(res.status).toBe(403);
    expect(await h.storedRowCount()).toBe(0);
  });

  it('parses the recorded MMS into a valid report, and accepts it signed', async () => {
    const report = h.parseFixture();
    expect(report).toMatchObject({
      channel: 'sms',
      providerMessageId: 'MM7c1e2d3f4a5b6c7d8e9f0a1b2c3d4e5f',
      reporter: { address: '+16175550177' },
      text: 'graffiti on the wall at 45 Main St',
      address: '45 Main St',
      media: [{ content_type: 'image/jpeg' }],
    });
    const res = await h.send(h.fixtureRequest());
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/<Message>Thanks! Your report \(Graffiti\) is #\d+/);
    expect(await h.storedRowCount()).toBe(2);
  });

  it('sends through the fake Twilio and records its message sid', async () => {
    const { storedProviderId, providerIdsAtFake } = await h.sendOne();
    expect(storedProviderId).toMatch(/^SM/);
    expect(providerIdsAtFake).toEqual([storedProviderId]);
  });
});
