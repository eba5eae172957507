import { setTimeout as sleep } from 'node:timers/promises';

/** One server-sent event. */
export interface SseEvent {
  id?: string;
  event: string;
  data: string;
}

/** Splits an SSE byte stream into events (the WHATWG "event stream" format: fields, blank-line separated). */
export function parseSse(buffer: string): { events: SseEvent[]; rest: string } {
  const blocks = buffer.replace(/\r\n?/g, '\n').split('\n\n');
  const rest = blocks.pop() ?? '';
  const events: SseEvent[] = [];
  for (const block of blocks) {
    const e: SseEvent = { event: 'message', data: '' };
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (!line || line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'data') data.push(value);
      else if (field === 'event') e.event = value;
      else if (field === 'id') e.id = value;
    }
    if (data.length) events.push({ ...e, data: data.join('\n') });
  }
  return { events, rest };
}

/**
 * Follows an SSE endpoint until `signal` aborts, reconnecting after a drop (a restarted service), and
 * calls `onEvent` for each event. `onError` hears why a connection failed, once per failure.
 */
export async function followSse(url: string, signal: AbortSignal, onEvent: (e: SseEvent) => void, onError: (message: string) => void): Promise<void> {
  while (!signal.aborted) {
    try {
      const res = await fetch(url, { signal, headers: { accept: 'text/event-stream' } });
      if (!res.ok || !res.body) throw new Error(`${url} answered ${res.status}`);
      const decoder = new TextDecoder();
      let buffer = '';
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        const parsed = parseSse(buffer + decoder.decode(chunk, { stream: true }));
        buffer = parsed.rest;
        parsed.events.forEach(onEvent);
      }
    } catch (err) {
      if (signal.aborted) return;
      onError((err as Error).message);
    }
    await sleep(2000, undefined, { signal }).catch(() => undefined);
  }
}
