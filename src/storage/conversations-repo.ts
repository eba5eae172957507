import type { ChannelName } from '../domain/types';
import type { Sql } from './database';

/** A multi-step conversation's saved state (SMS by phone number, voice by CallSid). */
export interface Conversation<S> {
  state: S;
  updated_at: Date;
}

/** Loads and locks the conversation row for this transaction (two messages from one phone are handled in turn). */
export async function loadConversation<S>(tx: Sql, channel: ChannelName, key: string): Promise<Conversation<S> | undefined> {
  const { rows } = await tx.query<Conversation<S>>(
    'SELECT state, updated_at FROM conversations WHERE channel = $1 AND conversation_key = $2 FOR UPDATE',
    [channel, key],
  );
  return rows[0];
}

export async function saveConversation<S>(tx: Sql, channel: ChannelName, key: string, state: S): Promise<void> {
  await tx.query(
    `INSERT INTO conversations (channel, conversation_key, state) VALUES ($1, $2, $3)
     ON CONFLICT (channel, conversation_key) DO UPDATE SET state = EXCLUDED.state, updated_at = now()`,
    [channel, key, JSON.stringify(state)],
  );
}

export async function deleteConversation(tx: Sql, channel: ChannelName, key: string): Promise<void> {
  await tx.query('DELETE FROM conversations WHERE channel = $1 AND conversation_key = $2', [channel, key]);
}

/** Deletes conversations idle for more than `days` (they hold phone numbers and call state); returns how many. */
export async function deleteIdleConversations(sql: Sql, days: number): Promise<number> {
  const { rowCount } = await sql.query('DELETE FROM conversations WHERE updated_at < now() - make_interval(days => $1)', [days]);
  return rowCount;
}
