import fs from 'node:fs';
import { z } from 'zod';
import { OperatorError } from '../errors';

/**
 * The CONNECTORS_PATH file: which downstream systems (work-order systems, a department's inbox) hear of which
 * cases. Validated at start-up; every key is documented in the README ("Connectors"). Keys are snake_case as in
 * the file; a connector gets its own entry as parsed here.
 */

const id = z.string().regex(/^[a-z][a-z0-9_-]{0,39}$/, 'must be 1-40 lower-case letters, digits, "-" or "_", starting with a letter');
const serviceCodes = z.union([z.literal('*'), z.array(z.string().min(1))]);
const httpUrl = z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' });
const OUR_STATUSES = ['open', 'in_progress', 'closed'] as const;

const common = {
  id,
  /** Which cases: a list of our service codes, or "*" for all. Default: none (then `departments` must name some). */
  service_codes: serviceCodes.default([]),
  /** Cases of these departments (the catalog's `department`) too, whatever their service code. Default: none. */
  departments: z.array(z.string().min(1)).default([]),
  /** Tries per delivery, the first included. Default 8. */
  attempts: z.number().int().min(1).max(50).default(8),
  /** First retry delay; doubles each try, up to 5 minutes. Default 1000 ms. */
  retry_base_ms: z.number().int().min(10).max(600_000).default(1000),
  /** Longest wait for the downstream to answer one request. Default 10000 ms. */
  timeout_ms: z.number().int().min(100).max(120_000).default(10_000),
  /** Downstream status (lower-case) to ours; a status not listed is kept as a note only. */
  status_map: z.record(z.string().min(1), z.enum(OUR_STATUSES)).default({ open: 'open', in_progress: 'in_progress', closed: 'closed' }),
  /**
   * Whether a send a dead worker interrupted is sent again. Safe only when the downstream recognises the repeat
   * (Open311 Idempotency-Key, the webhook event id); otherwise the delivery goes to the dead-letter state for staff.
   */
  resend_interrupted: z.boolean().optional(),
};

const Open311 = z
  .object({
    ...common,
    type: z.literal('open311'),
    /** The GeoReport v2 base URL, e.g. https://crm.example/open311/v2 (requests.json is appended). */
    endpoint: httpUrl,
    api_key: z.string().min(1),
    jurisdiction_id: z.string().min(1).optional(),
    /** Our service code to theirs; a code not listed is sent as it is. */
    code_map: z.record(z.string().min(1), z.string().min(1)).default({}),
    /** How often to pull status changes back (seconds). 0 turns pulling off. Default 60. */
    poll_seconds: z.number().int().min(0).max(86_400).default(60),
    /** How updates are pulled: `servicerequestupdates`, `requests` (requests.json?service_request_id=...), or `auto` (the first, falling back). */
    updates: z.enum(['auto', 'servicerequestupdates', 'requests']).default('auto'),
    /** Send the reporter's name, email and phone (only where the city allows it). Default false. */
    send_reporter: z.boolean().default(false),
  })
  .strict();

const Webhook = z
  .object({
    ...common,
    type: z.literal('webhook'),
    url: httpUrl,
    /** The HMAC-SHA256 key for our signature and for the status changes posted back to us. */
    secret: z.string().min(16, 'must be at least 16 characters'),
    /** A signed request older or newer than this is refused (replay window, seconds). Default 300. */
    replay_window_seconds: z.number().int().min(10).max(3600).default(300),
  })
  .strict();

const Email = z
  .object({
    ...common,
    type: z.literal('email'),
    to: z.union([z.email(), z.array(z.email()).min(1)]),
    from: z.email().default('intake311@localhost'),
    smtp: z
      .object({
        host: z.string().min(1),
        port: z.number().int().min(1).max(65_535).default(587),
        /** TLS from the start (port 465); otherwise STARTTLS when the server offers it. Default false. */
        secure: z.boolean().default(false),
        user: z.string().min(1).optional(),
        pass: z.string().min(1).optional(),
      })
      .strict(),
  })
  .strict();

const Entry = z.discriminatedUnion('type', [Open311, Webhook, Email]);
const File = z
  .object({ connectors: z.array(Entry) })
  .strict()
  .superRefine((f, check) => {
    const seen = new Set<string>();
    f.connectors.forEach((c, i) => {
      if (c.service_codes !== '*' && c.service_codes.length === 0 && c.departments.length === 0) {
        check.addIssue({
          code: 'custom',
          path: ['connectors', i, 'service_codes'],
          message: 'is required: a list of service codes or "*" (or give departments)',
        });
      }
      if (seen.has(c.id)) check.addIssue({ code: 'custom', path: ['connectors', i, 'id'], message: `"${c.id}" is used twice; ids must be unique` });
      seen.add(c.id);
    });
  });

export type Open311ConnectorConfig = z.infer<typeof Open311>;
export type WebhookConnectorConfig = z.infer<typeof Webhook>;
export type EmailConnectorConfig = z.infer<typeof Email>;
/** One connector of the CONNECTORS_PATH file, validated, defaults filled in. */
export type ConnectorConfig = z.infer<typeof Entry>;

/** Parses the file's JSON text; throws an OperatorError naming the bad key, e.g. `connectors[0].endpoint`. */
export function parseConnectorsFile(text: string, where = 'CONNECTORS_PATH'): ConnectorConfig[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new OperatorError(`${where}: not valid JSON (${(err as Error).message})`);
  }
  const parsed = File.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const key = issue.path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`)).join('');
    throw new OperatorError(`${where}: ${key || 'the file'} ${issue.message}`);
  }
  return parsed.data.connectors;
}

/** Reads and validates the file at `file`; no file configured means no connectors. */
export function loadConnectorsFile(file: string | undefined): ConnectorConfig[] {
  if (!file) return [];
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new OperatorError(`CONNECTORS_PATH: cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  return parseConnectorsFile(text, `CONNECTORS_PATH (${file})`);
}
