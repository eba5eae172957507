import type { InboundReport } from '../../src/domain/types';

/** A raw HTTP request as a provider would send it. */
export interface ProviderRequest {
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  /** The body exactly as sent (form-encoded or JSON text). */
  body: string;
}

/**
 * What each channel supplies so one suite can run every channel through the same checks
 * (test/integration/channels/conformance.test.ts): rejects a bad signature, turns a recorded fixture into a
 * valid InboundReport, and sends through a fake provider recording the provider id.
 */
export interface ChannelConformance {
  channel: 'sms' | 'voice' | 'twitter';
  /** Starts the channel on a fresh database with its fake provider. */
  start(): Promise<ConformanceHarness>;
}

export interface ConformanceHarness {
  /** Sends a request to the channel's app (supertest against the real express app). */
  send(request: ProviderRequest): Promise<{ status: number; text: string }>;
  /** A recorded real-world inbound request (from test/fixtures), correctly signed. */
  fixtureRequest(): ProviderRequest;
  /** The same request with its signature broken. */
  badlySignedRequest(): ProviderRequest;
  /** The channel adapter's parse of the fixture, as intake receives it. */
  parseFixture(): InboundReport;
  /** Rows in the channel's inbound and case tables: must not change on a bad signature. */
  storedRowCount(): Promise<number>;
  /** Sends one notification through the channel's real publisher to its fake provider. */
  sendOne(): Promise<{ storedProviderId: string | null; providerIdsAtFake: string[] }>;
  stop(): Promise<void>;
}
