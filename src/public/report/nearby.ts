import type { CaseRecord, GeoPoint } from '../../domain/types';
import type { Sql } from '../../storage/database';
import { caseFromJson } from '../../storage/json-rows';

/** Most open cases offered to follow instead of reporting again. */
const LIMIT = 5;

/**
 * Open public cases of one category within `radiusMeters` of a point, nearest first, with their distance. Private
 * cases and cases already merged into another are never offered (the one they were merged into may be).
 */
export async function nearbyOpenCases(
  sql: Sql,
  point: GeoPoint,
  serviceCode: string,
  radiusMeters: number,
): Promise<Array<{ case: CaseRecord; meters: number }>> {
  if (radiusMeters <= 0) return [];
  // Haversine in plain SQL, as intake's duplicate check does; the latitude band keeps it to nearby rows.
  const { rows } = await sql.query<{ c: Record<string, unknown>; meters: number }>(
    `SELECT c, meters FROM (
       SELECT to_jsonb(k.*) || jsonb_build_object('photos', case_photos(k.service_request_id, k.closure_media_url)) AS c,
              2 * 6371000 * asin(sqrt(power(sin(radians(k.lat - $1) / 2), 2) +
                cos(radians($1)) * cos(radians(k.lat)) * power(sin(radians(k.lon - $2) / 2), 2))) AS meters
       FROM cases k
       WHERE k.service_code = $3 AND k.status <> 'closed' AND k.public AND k.duplicate_of IS NULL
         AND k.lat BETWEEN $1 - 0.05 AND $1 + 0.05 AND k.lon IS NOT NULL
     ) near WHERE meters <= $4 ORDER BY meters, (c->>'service_request_id')::bigint LIMIT ${LIMIT}`,
    [point.lat, point.lon, serviceCode, radiusMeters],
  );
  return rows.map((r) => ({ case: caseFromJson(r.c), meters: Math.round(Number(r.meters)) }));
}
