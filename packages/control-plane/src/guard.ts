import { STATUS_CODES, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { ErrorBody } from '@dlthub/api-schema';
import { HttpError, sendError } from './http';

/** Turns anything a handler threw into a `{status_code, detail}` answer; unexpected errors are a logged 500. */
export function answerError(res: ServerResponse, error: unknown, log: (line: string) => void): void {
  try {
    if (res.headersSent) {
      res.destroy();
    } else if (error instanceof HttpError) {
      // Let the client finish sending (e.g. an oversized upload) before we answer and close.
      if (error.status === 413) res.setHeader('connection', 'close');
      sendError(res, error.status, error.detail, error.headers);
    } else {
      log((error as Error)?.stack ?? String(error));
      sendError(res, 500, 'Internal server error.');
    }
  } catch {
    res.destroy();
  }
}

const clientErrorStatus: Record<string, [number, string]> = {
  HPE_HEADER_OVERFLOW: [431, 'Request headers are too large.'],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'The request took too long.'],
  HPE_HEADERS_TIMEOUT: [408, 'The request headers took too long.'],
  CONNECT: [405, 'CONNECT is not supported.'],
};

/** Answers a request Node's parser refused, in the error shape, then closes the connection. */
export function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const [status, detail] = clientErrorStatus[error.code ?? ''] ?? [400, 'Malformed HTTP request.'];
  const body = JSON.stringify({ status_code: status, detail } satisfies ErrorBody);
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
      `content-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
}
