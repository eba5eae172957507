import type { ChannelName } from '../domain/types';
import type { Sql } from './database';

/**
 * Claims a provider message id for processing. Returns true for the first delivery; false when it was
 * seen before. Inside a transaction, a concurrent duplicate waits on the unique key until the first commits.
 */
export async function claimInbound(tx: Sql, channel: ChannelName, providerMessageId: string, raw: unknown): Promise<boolean> {
  const { rows } = await tx.query(
    `INSERT INTO inbound_messages (channel, provider_message_id, raw) VALUES ($1, $2, $3)
     ON CONFLICT (channel, provider_message_id) DO NOTHING RETURNING id`,
    [channel, providerMessageId, JSON.stringify(raw ?? null)],
  );
  return rows.length === 1;
}

export async function recordInboundResult(
  tx: Sql,
  channel: ChannelName,
  providerMessageId: string,
  result: unknown,
  caseId: number | null,
): Promise<void> {
  await tx.query(
    'UPDATE inbound_messages SET result = $3, case_id = $4 WHERE channel = $1 AND provider_message_id = $2',
    [channel, providerMessageId, JSON.stringify(result ?? null), caseId],
  );
}

export async function getInboundResult<T>(sql: Sql, channel: ChannelName, providerMessageId: string): Promise<T | undefined> {
  const { rows } = await sql.query<{ result: T }>(
    'SELECT result FROM inbound_messages WHERE channel = $1 AND provider_message_id = $2',
    [channel, providerMessageId],
  );
  return rows[0]?.result ?? undefined;
}
