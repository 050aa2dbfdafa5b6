/** Loopback ports for interactive runs: a free one to hand out, and waiting until a server accepts on it. */
import * as net from 'node:net';

export const LOOPBACK = '127.0.0.1';

/** A port nothing listens on right now (the OS picks it; the socket is closed before the port is used). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, LOOPBACK, () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: LOOPBACK, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Polls until `port` accepts a connection; false when `stillWaiting` turns false first. */
export async function waitForPort(port: number, stillWaiting: () => boolean, intervalMs = 50): Promise<boolean> {
  while (stillWaiting()) {
    if (await accepts(port)) return true;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  return false;
}
