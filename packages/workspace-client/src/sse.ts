/**
 * Reads a server-sent events stream (WHATWG HTML §9.2) as it arrives: `event`, `data` (several lines
 * joined with LF) and `id` fields, an event per blank line; comments (`:`) are skipped.
 */
export interface ServerSentEvent {
  event: string;
  data: string;
  id?: string;
}

export async function* readServerSentEvents(
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
): AsyncGenerator<ServerSentEvent> {
  const decoder = new TextDecoder();
  let pending = '';
  let event: { event: string; data: string[]; id?: string } = { event: 'message', data: [] };
  const takeLine = (line: string): ServerSentEvent | undefined => {
    if (line === '') {
      const done = event;
      event = { event: 'message', data: [] };
      if (done.data.length === 0) return undefined;
      return { event: done.event, data: done.data.join('\n'), ...(done.id !== undefined ? { id: done.id } : {}) };
    }
    if (line.startsWith(':')) return undefined;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') event.event = value;
    else if (field === 'data') event.data.push(value);
    else if (field === 'id') event.id = value;
    return undefined;
  };
  for await (const chunk of chunks) {
    pending += decoder.decode(chunk, { stream: true });
    let index: number;
    while ((index = pending.search(/\r\n|\n|\r/)) >= 0) {
      // A CR at the very end may be the first half of CRLF: wait for the next chunk.
      if (pending[index] === '\r' && index === pending.length - 1) break;
      const width = pending.startsWith('\r\n', index) ? 2 : 1;
      const ready = takeLine(pending.slice(0, index));
      pending = pending.slice(index + width);
      if (ready) yield ready;
    }
  }
  const last = takeLine((pending + decoder.decode()).trim() === '' ? '' : pending);
  if (last) yield last;
}
