import { cleanText } from '../../src/domain/clean-text';

function escapeXml(text: string): string {
  return cleanText(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** A TwiML Messaging response: `<Response>` with one `<Message>` per text (none: Twilio sends nothing). */
export function messagingTwiml(texts: readonly string[]): string {
  const body = texts.map((t) => `<Message>${escapeXml(t)}</Message>`).join('');
  return `<?xml version="1.0" encoding="UTF-8"?><Response>${body}</Response>`;
}
