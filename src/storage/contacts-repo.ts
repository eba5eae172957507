import type { Language } from '../domain/classifier';
import type { ChannelName } from '../domain/types';
import type { Sql } from './database';

export interface Contact {
  opted_out: boolean;
  language: Language | null;
}

export async function getContact(sql: Sql, channel: ChannelName, address: string): Promise<Contact | undefined> {
  const { rows } = await sql.query<Contact>('SELECT opted_out, language FROM contacts WHERE channel = $1 AND address = $2', [channel, address]);
  return rows[0];
}

/** Records an opt-out (STOP) or opt-in (START); messages to an opted-out address are never attempted. */
export async function setOptOut(sql: Sql, channel: ChannelName, address: string, optedOut: boolean): Promise<void> {
  await sql.query(
    `INSERT INTO contacts (channel, address, opted_out) VALUES ($1, $2, $3)
     ON CONFLICT (channel, address) DO UPDATE SET opted_out = EXCLUDED.opted_out, updated_at = now()`,
    [channel, address, optedOut],
  );
}

export async function setContactLanguage(sql: Sql, channel: ChannelName, address: string, language: Language): Promise<void> {
  await sql.query(
    `INSERT INTO contacts (channel, address, language) VALUES ($1, $2, $3)
     ON CONFLICT (channel, address) DO UPDATE SET language = EXCLUDED.language, updated_at = now()`,
    [channel, address, language],
  );
}
