import type { ChannelSql, InboundView } from '../../src/channels/port';
import type { CallView } from './call-decision';
import { type CallState, newCallState } from './call-state';
import { listCallRecordings } from './recordings-repo';

/**
 * What a step decides on: the call's state as the core loaded it (a fresh one for a call we never answered) and
 * its recordings from this channel's own table. Reading is all it does: the core applies the decision.
 */
export async function callView(sql: Pick<ChannelSql, 'query'>, callSid: string, view: InboundView<CallState>, from = ''): Promise<CallView> {
  const recordings = await listCallRecordings(sql, callSid);
  return view.conversation ? { state: view.conversation.state, known: true, recordings } : { state: newCallState(from), known: false, recordings };
}
