import { voiceConformance } from '../../conformance/voice';
import type { ConformanceHarness } from '../../conformance/adapter';

describe('voice channel conformance adapter', () => {
  let h: ConformanceHarness;
  beforeAll(async () => {
    h = await voiceConformance.start();
  });
  afterAll(async () => h.stop());

  it('rejects a bad signature and stores nothing', async () => {
    const res = await h.send(h.badlySignedRequest());
    expect(res.status).toBe(403);
    expect(await h.storedRowCount()).toBe(0);
  });

  it('turns a call into a valid report, and answers the recorded incoming call with the greeting', async () => {
    expect(h.parseFixture()).toMatchObject({
      channel: 'voice',
      providerMessageId: 'CA5e1f0a2b3c4d5e6f7a8b9c0d1e2f3a4b',
      reporter: { phone: '+16175550142' },
      text: 'big pothole outside 12 Elm St',
      details: { transcript_engine: 'google', transcript_confidence: 0.91, recording_sids: ['RE1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d'] },
    });
    const res = await h.send(h.fixtureRequest());
    expect(res.status).toBe(200);
    expect(res.text).toContain('hang up and dial 9 1 1');
    expect(await h.storedRowCount()).toBe(1);
  });

  it("sends a caller's closure alert by SMS through the fake Twilio and records its message sid", async () => {
    const { storedProviderId, providerIdsAtFake } = await h.sendOne();
    expect(storedProviderId).toMatch(/^SM/);
    expect(providerIdsAtFake).toEqual([storedProviderId]);
  });
});
