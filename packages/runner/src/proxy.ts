/**
 * The front door of an interactive run: a reverse proxy on its own loopback port that forwards HTTP
 * requests and WebSocket upgrades (notebooks and dashboards use both) to the app's port. It exists to know
 * when the app was last used, so an idle run can be stopped; the URL handed to the user is the proxy's.
 */
import * as http from 'node:http';
import * as net from 'node:net';
import { LOOPBACK } from './network';

export interface ActivityProxy {
  port: number;
  /** Milliseconds since the last request or upgraded-connection traffic; 0 while a request is in flight. */
  idleMs(): number;
  close(): Promise<void>;
}

export function startProxy(targetPort: number): Promise<ActivityProxy> {
  let last = Date.now();
  let inFlight = 0;
  const sockets = new Set<net.Socket>();
  const touch = () => {
    last = Date.now();
  };

  const server = http.createServer((request, response) => {
    inFlight++;
    touch();
    const done = () => {
      inFlight--;
      touch();
    };
    const upstream = http.request(
      { host: LOOPBACK, port: targetPort, method: request.method, path: request.url, headers: request.headers },
      (reply) => {
        response.writeHead(reply.statusCode ?? 502, reply.headers);
        reply.pipe(response);
        reply.on('end', done);
      },
    );
    upstream.on('error', (error) => {
      done();
      if (!response.headersSent) response.writeHead(502, { 'content-type': 'text/plain' });
      response.end(`The app is not answering: ${error.message}\n`);
    });
    request.pipe(upstream);
  });

  server.on('upgrade', (request: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    touch();
    const upstream = net.connect({ host: LOOPBACK, port: targetPort }, () => {
      const headers = Object.entries(request.headers).flatMap(([key, value]) =>
        (Array.isArray(value) ? value : [value ?? '']).map((item) => `${key}: ${item}`),
      );
      upstream.write(`${request.method} ${request.url} HTTP/${request.httpVersion}\r\n${headers.join('\r\n')}\r\n\r\n`);
      if (head.length > 0) upstream.write(head);
      client.pipe(upstream).pipe(client);
    });
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('data', touch);
      socket.on('error', () => socket.destroy());
      socket.on('close', () => {
        sockets.delete(socket);
        client.destroy();
        upstream.destroy();
      });
    }
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, LOOPBACK, () => {
      const { port } = server.address() as net.AddressInfo;
      resolve({
        port,
        idleMs: () => (inFlight > 0 ? 0 : Date.now() - last),
        close: () =>
          new Promise<void>((done) => {
            for (const socket of sockets) socket.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}
