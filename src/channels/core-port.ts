import type { CaseService } from '../cases/case-service';
import { publicUpdates } from '../cases/public-updates';
import type { Catalog } from '../catalog/catalog';
import type { Classifier } from '../domain/classifier';
import type { PlacesPort } from '../domain/place';
import type { CaseRecord, ChannelName } from '../domain/types';
import { categoryAdvisor } from '../intake/category-advisor';
import type { Inbound } from '../intake/inbound';
import { caseIsPublic } from '../media/media-repo';
import type { MediaService } from '../media/media-service';
import { recordDeliveryReceipt } from '../outbound/delivery-receipts';
import { getCase } from '../storage/cases-repo';
import { getChannelState, setChannelState } from '../storage/channel-state-repo';
import { setOptOut } from '../storage/contacts-repo';
import type { Database } from '../storage/database';
import { holdLease, releaseLease } from '../storage/leases-repo';
import { findNotificationByProviderId } from '../storage/notifications-repo';
import { getPublicCase, listPublicCases } from '../storage/public-cases-repo';
import { findToken } from '../storage/tokens-repo';
import type { CaseSummary, ChannelPort, ChannelSql } from './port';

export interface CorePortDeps {
  db: Database;
  media: MediaService;
  publicBaseUrl: string;
  catalog: Catalog;
  classifier: Classifier;
  inbound: Inbound;
  cases: CaseService;
  places: PlacesPort;
}

function summary(c: CaseRecord): CaseSummary {
  const { service_request_id, service_code, status, status_notes, duplicate_of } = c;
  return { service_request_id, service_code, status, status_notes, public: c.public, duplicate_of };
}

/** The core's side of the channel port: the only way channels reach cases, contacts and conversations. */
export function corePort(deps: CorePortDeps): ChannelPort {
  const { db } = deps;
  return {
    inbound: deps.inbound,
    cases: {
      get: async (id) => {
        const c = await getCase(db, id);
        return c && summary(c);
      },
      amend: (id, amendment, actor) => deps.cases.amend(id, amendment, actor),
    },
    contacts: { setOptOut: (channel, address, optedOut) => setOptOut(db, channel, address, optedOut) },
    conversations: {
      get: async <S>(channel: ChannelName, key: string) => {
        const { rows } = await db.query<{ state: S; updated_at: Date }>(
          'SELECT state, updated_at FROM conversations WHERE channel = $1 AND conversation_key = $2',
          [channel, key],
        );
        return rows[0] ? { state: rows[0].state, updatedAt: new Date(rows[0].updated_at) } : undefined;
      },
    },
    deliveries: { record: (receipt) => recordDeliveryReceipt(db, receipt) },
    caseOfMessage: async (channel, providerMessageId) => {
      const { rows } = await db.query<{ case_id: string | number }>(
        `SELECT case_id FROM notifications WHERE channel = $1 AND provider_id = $2
         UNION ALL SELECT case_id FROM inbound_messages WHERE channel = $1 AND provider_message_id = $2 AND case_id IS NOT NULL
         LIMIT 1`,
        [channel, providerMessageId],
      );
      return rows[0] ? Number(rows[0].case_id) : undefined;
    },
    isOurMessage: async (channel, providerMessageId) => Boolean(await findNotificationByProviderId(db, channel, providerMessageId)),
    state: {
      get: (channel, key) => getChannelState(db, channel, key),
      set: (channel, key, value) => setChannelState(db, channel, key, value),
    },
    categories: categoryAdvisor(deps.catalog, deps.classifier),
    places: deps.places,
    publicCases: { list: (query) => listPublicCases(db, query), get: (id) => getPublicCase(db, id), updates: (query) => publicUpdates(db, query) },
    apiClients: { find: (key) => findToken(db, key) },
    leases: {
      hold: (name, holder, ttlMs) => holdLease(db, name, holder, ttlMs),
      release: (name, holder) => releaseLease(db, name, holder),
    },
    photos: {
      ownPhoto: async (url) => {
        const prefix = `${deps.publicBaseUrl}/media/`;
        const match = url.startsWith(prefix) ? /^(\d{1,15})\/(display|thumb)$/.exec(url.slice(prefix.length)) : null;
        if (!match) return undefined;
        const found = await deps.media.read(Number(match[1]), match[2] as 'display' | 'thumb');
        if (!found || found.item.hidden || !(await caseIsPublic(db, found.item.case_id))) return undefined;
        return found.object;
      },
    },
  };
}

/** SQL for a channel's own tables: the same database, without the engine's other powers. */
export function channelSql(db: Database): ChannelSql {
  return { query: (text, params) => db.query(text, params), transaction: (fn) => db.transaction((tx) => fn(tx)) };
}
