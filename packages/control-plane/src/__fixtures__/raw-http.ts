import { connect } from 'node:net';

export interface RawAnswer {
  status: number;
  headers: string;
  body: string;
}

/**
 * Sends bytes exactly as given over a fresh TCP connection and reads until the server closes it or
 * `timeoutMs` passes: the only way to send targets, methods and framing that fetch refuses to produce.
 * `halfClose` ends our side after sending (a half-open socket); `partial` sends and then waits.
 */
export function rawRequest(
  baseUrl: string,
  bytes: string | Buffer,
  options: { halfClose?: boolean; timeoutMs?: number } = {},
): Promise<RawAnswer | null> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname, port: Number(port) });
    const chunks: Buffer[] = [];
    const finish = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(parseAnswer(Buffer.concat(chunks).toString('latin1')));
    };
    const timer = setTimeout(finish, options.timeoutMs ?? 5000);
    socket.on('connect', () => {
      socket.write(bytes);
      if (options.halfClose) socket.end();
    });
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      const text = Buffer.concat(chunks).toString('latin1');
      const answer = parseAnswer(text);
      // Keep-alive answers do not close the socket: stop once the declared body is complete.
      if (answer && /content-length:/i.test(answer.headers) && Buffer.byteLength(answer.body) >= contentLength(answer))
        finish();
    });
    socket.on('error', finish);
    socket.on('close', finish);
  });
}

function contentLength(answer: RawAnswer): number {
  return Number(/content-length:\s*(\d+)/i.exec(answer.headers)?.[1] ?? 0);
}

function parseAnswer(text: string): RawAnswer | null {
  const end = text.indexOf('\r\n\r\n');
  if (end < 0) return null;
  const head = text.slice(0, end);
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1]);
  if (!status) return null;
  const declared = /content-length:\s*(\d+)/i.exec(head);
  // Only the first answer counts (a server may answer, then refuse the rest of a broken request).
  const body = text.slice(end + 4);
  return { status, headers: head, body: declared ? body.slice(0, Number(declared[1])) : body };
}
