/**
 * Splits a byte stream into lines as they arrive (LF or CRLF; a bare CR, as progress bars print, also ends a
 * line). UTF-8 sequences cut between chunks are kept whole; a last line without a newline is flushed at end.
 */
import { StringDecoder } from 'node:string_decoder';
import type { Readable } from 'node:stream';

export function splitLines(stream: Readable, onLine: (line: string) => void): Promise<void> {
  const decoder = new StringDecoder('utf8');
  let pending = '';
  const take = (text: string) => {
    pending += text;
    let index: number;
    while ((index = pending.search(/\r\n|\n|\r/)) >= 0) {
      // A CR at the very end may be the first half of CRLF: wait for the next chunk.
      if (pending[index] === '\r' && index === pending.length - 1) break;
      const width = pending.startsWith('\r\n', index) ? 2 : 1;
      onLine(pending.slice(0, index));
      pending = pending.slice(index + width);
    }
  };
  return new Promise((resolve) => {
    stream.on('data', (chunk: Buffer) => take(decoder.write(chunk)));
    const finish = () => {
      take(decoder.end());
      if (pending.endsWith('\r')) pending = pending.slice(0, -1);
      if (pending !== '') onLine(pending);
      pending = '';
      resolve();
    };
    stream.on('end', finish);
    stream.on('error', finish);
  });
}
