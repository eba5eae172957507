import type { ConnectorDelivery } from '../../src/connectors-contract/connector';

const VERB = { opened: 'New', updated: 'Update', closed: 'Closed' } as const;

/** The message for one delivery: a subject staff can sort by, the facts in plain text, threaded on the case. */
export function emailFor(d: ConnectorDelivery, publicBaseUrl: string) {
  const c = d.case;
  const host = new URL(publicBaseUrl).hostname || 'localhost';
  const thread = `<case-${c.id}@${host}>`;
  const lines = [
    `${VERB[d.kind]} 311 case #${c.id}: ${c.service_name} (${c.service_code})`,
    '',
    `Status: ${c.status}`,
    c.address ? `Address: ${c.address}` : undefined,
    c.lat !== null && c.lon !== null ? `Location: ${c.lat}, ${c.lon}` : undefined,
    c.department ? `Department: ${c.department}` : undefined,
    '',
    c.description || '(no description)',
    d.change.type === 'recategorized' ? `\nRecategorised from ${d.change.from} to ${c.service_code}.` : undefined,
    d.change.type === 'comment' ? `\nThe resident added: ${d.change.text || '(a photo)'}` : undefined,
    d.change.type === 'amended' ? '\nThe description above was filled in after the case was filed.' : undefined,
    d.change.type === 'duplicate_linked' ? `\nAnother resident reported the same problem: ${d.change.text || '(a photo)'}` : undefined,
    d.kind === 'closed' && c.status_notes ? `\nClosing note: ${c.status_notes}` : undefined,
    ...(d.change.media_urls ?? c.media_urls).map((u) => `Photo: ${u}`),
    '',
    `Case page: ${c.url}`,
    `Event id: ${d.eventId}`,
  ].filter((l): l is string => l !== undefined);
  return {
    subject: `[311 #${c.id}] ${VERB[d.kind]}: ${c.service_name}${c.address ? ` at ${c.address}` : ''}`,
    text: lines.join('\n'),
    messageId: d.kind === 'opened' ? thread : `<${d.eventId}@${host}>`,
    ...(d.kind === 'opened' ? {} : { inReplyTo: thread, references: [thread] }),
    headers: { 'X-Intake311-Case': String(c.id), 'X-Intake311-Event-Id': d.eventId },
  };
}
