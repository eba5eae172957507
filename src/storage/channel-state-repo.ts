import type { ChannelName } from '../domain/types';
import type { Sql } from './database';

/** A channel's small durable values (e.g. Twitter's mentions since_id), kept across restarts. */
export async function getChannelState(sql: Sql, channel: ChannelName, key: string): Promise<string | undefined> {
  const { rows } = await sql.query<{ value: string }>('SELECT value FROM channel_state WHERE channel = $1 AND key = $2', [channel, key]);
  return rows[0]?.value;
}

export async function setChannelState(sql: Sql, channel: ChannelName, key: string, value: string): Promise<void> {
  await sql.query(
    `INSERT INTO channel_state (channel, key, value) VALUES ($1, $2, $3)
     ON CONFLICT (channel, key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
    [channel, key, value],
  );
}
