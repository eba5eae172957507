import type { WebhookConnectorConfig } from '../../src/connectors-contract/config';
import { type DownstreamUpdate, InboundRefusedError, type InboundRequest } from '../../src/connectors-contract/connector';
import { SIGNATURE_HEADER, signatureProblem } from '../../src/connectors-contract/signature';
import { InputError } from '../../src/errors';

function field(body: Record<string, unknown>, name: string, max: number): string | undefined {
  const v = body[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string' && typeof v !== 'number') throw new InputError(`${name} must be a string`, name);
  const s = String(v).trim();
  if (s.length > max) throw new InputError(`${name} is longer than ${max} characters`, name);
  return s || undefined;
}

/**
 * A status change the downstream posts back: verified before it is parsed (same secret, same signature scheme,
 * replay window), then `{"event_id", "service_request_id" | "external_id", "status"?, "note"?}`.
 */
export function parseInbound(config: WebhookConnectorConfig, request: InboundRequest): DownstreamUpdate {
  const problem = signatureProblem(config.secret, request.body, request.header(SIGNATURE_HEADER), config.replay_window_seconds);
  if (problem) throw new InboundRefusedError(`webhook connector ${config.id}: ${problem}`);
  let body: unknown;
  try {
    body = JSON.parse(request.body.toString('utf8'));
  } catch {
    throw new InputError('body must be a JSON object', 'body');
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new InputError('body must be a JSON object', 'body');
  const b = body as Record<string, unknown>;
  const updateId = field(b, 'event_id', 200);
  if (!updateId) throw new InputError('event_id is required: your id for this change, so a repeat is applied once', 'event_id');
  const ours = field(b, 'service_request_id', 15);
  if (ours !== undefined && !/^\d{1,15}$/.test(ours)) throw new InputError('service_request_id must be our case number', 'service_request_id');
  const externalId = field(b, 'external_id', 200);
  if (!ours && !externalId) throw new InputError('service_request_id (our case number) or external_id (yours) is required', 'service_request_id');
  const status = field(b, 'status', 40)?.toLowerCase();
  const note = field(b, 'note', 4000);
  if (!status && !note) throw new InputError('a status change needs a status or a note', 'status');
  return { updateId, caseId: ours ? Number(ours) : undefined, externalId, status, note };
}
