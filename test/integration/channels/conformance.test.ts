import { loadCatalog } from '../../../src/catalog/catalog';
import { validateReport } from '../../../src/intake/validate-report';
import type { ChannelConformance, ConformanceHarness } from '../../conformance/adapter';
import { smsConformance } from '../../conformance/sms';
import { twitterConformance } from '../../conformance/twitter';
import { voiceConformance } from '../../conformance/voice';

/** One suite, every channel, the same checks (STYLE.md: adapter conformance). */
const ADAPTERS: ChannelConformance[] = [smsConformance, voiceConformance, twitterConformance];

describe.each(ADAPTERS.map((a) => [a.channel, a] as const))('%s channel conformance', (channel, adapter) => {
  let h: ConformanceHarness;
  beforeAll(async () => {
    h = await adapter.start();
  });
  afterAll(async () => h.stop());

  it('rejects a badly signed request with 403 and stores nothing', async () => {
    const res = await h.send(h.badlySignedRequest());
    expect(res.status).toBe(403);
    expect(await h.storedRowCount()).toBe(0);
  });

  it('turns its recorded fixture into a valid InboundReport that keeps the provider id and raw payload', () => {
    const report = h.parseFixture();
    expect(report.channel).toBe(channel);
    expect(report.providerMessageId).toMatch(/\S{6,}/);
    expect(report.text.trim().length).toBeGreaterThan(0);
    expect(report.reporter.address ?? report.reporter.phone).toBeTruthy();
    expect(Array.isArray(report.media)).toBe(true);
    expect(report.raw).toBeTruthy();
    expect(() => validateReport(report, loadCatalog())).not.toThrow();
  });

  it('accepts the same fixture when correctly signed, and stores it', async () => {
    const res = await h.send(h.fixtureRequest());
    expect(res.status).toBe(200);
    expect(await h.storedRowCount()).toBeGreaterThan(0);
  });

  it('sends through the real outbound path to its fake provider and records the provider id, once', async () => {
    const { storedProviderId, providerIdsAtFake } = await h.sendOne();
    expect(storedProviderId).toBeTruthy();
    expect(providerIdsAtFake.filter((id) => id === storedProviderId)).toHaveLength(1);
  });
});
