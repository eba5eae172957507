import type { Language } from '../domain/classifier';
import type { ChannelName, Subscription } from '../domain/types';
import type { Sql } from './database';

export interface NewSubscription {
  case_id: number;
  channel: ChannelName;
  address: string;
  language: Language;
  role: Subscription['role'];
  thread_id?: string | null;
}

/** Subscribes an address to a case; subscribing again re-activates it and returns the same row (SQL function subscribe, migrations/008). */
export async function upsertSubscription(tx: Sql, s: NewSubscription): Promise<Subscription> {
  const { rows } = await tx.query<Subscription>('SELECT * FROM subscribe($1, $2, $3, $4, $5, $6)', [
    s.case_id,
    s.channel,
    s.address,
    s.language,
    s.role,
    s.thread_id ?? null,
  ]);
  return rows[0];
}

export async function listSubscriptions(sql: Sql, caseId: number, activeOnly = true): Promise<Subscription[]> {
  const { rows } = await sql.query<Subscription>(
    `SELECT * FROM subscriptions WHERE case_id = $1 ${activeOnly ? 'AND active = true' : ''} ORDER BY id`,
    [caseId],
  );
  return rows;
}

/** True when this address reported or follows the case (e.g. may ask its status by SMS). */
export async function isSubscribed(sql: Sql, caseId: number, channel: ChannelName, address: string): Promise<boolean> {
  const { rows } = await sql.query('SELECT 1 FROM subscriptions WHERE case_id = $1 AND channel = $2 AND address = $3', [caseId, channel, address]);
  return rows.length > 0;
}

export async function deactivateSubscription(tx: Sql, id: number): Promise<void> {
  await tx.query('UPDATE subscriptions SET active = false WHERE id = $1', [id]);
}
