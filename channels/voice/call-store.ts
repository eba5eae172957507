import { loadConversation, saveConversation } from '../../src/storage/conversations-repo';
import type { UnitOfWork } from '../../src/storage/unit-of-work';
import type { CallView } from './call-decision';
import { newCallState, type CallState } from './call-state';
import { listCallRecordings } from './recordings-repo';

/** Loads (locked for this transaction) a call's state and recordings; a call we never answered gets a fresh state. */
export async function loadCall(uow: UnitOfWork, callSid: string, from = ''): Promise<CallView> {
  const row = await loadConversation<CallState>(uow.tx, 'voice', callSid);
  const recordings = await listCallRecordings(uow.tx, callSid);
  return row ? { state: row.state, known: true, recordings } : { state: newCallState(from), known: false, recordings };
}

export async function saveCall(uow: UnitOfWork, callSid: string, state: CallState): Promise<void> {
  await saveConversation(uow.tx, 'voice', callSid, state);
}
