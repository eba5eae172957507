import type { Language } from '../domain/classifier';
import type { Sql } from './database';

/** A reply staff can send as written or edit first. */
export interface CannedResponse {
  id: number;
  language: Language;
  title: string;
  body: string;
}

export async function listCannedResponses(sql: Sql): Promise<CannedResponse[]> {
  const { rows } = await sql.query<CannedResponse>('SELECT id, language, title, body FROM canned_responses ORDER BY language, title, id');
  return rows.map((r) => ({ ...r, id: Number(r.id) }));
}

export async function insertCannedResponse(sql: Sql, r: Omit<CannedResponse, 'id'>): Promise<CannedResponse> {
  const { rows } = await sql.query<CannedResponse>(
    'INSERT INTO canned_responses (language, title, body) VALUES ($1, $2, $3) RETURNING id, language, title, body',
    [r.language, r.title, r.body],
  );
  return rows[0];
}

export async function deleteCannedResponse(sql: Sql, id: number): Promise<CannedResponse | undefined> {
  const { rows } = await sql.query<CannedResponse>('DELETE FROM canned_responses WHERE id = $1 RETURNING id, language, title, body', [id]);
  return rows[0];
}
