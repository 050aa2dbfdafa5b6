import { connect } from 'node:net';
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createClient, type ClientOptions } from './client';
import { ApiRequestError } from './errors';
import { closedPort, json, tinyServer, type TinyServer } from './__fixtures__/tiny-server';

const fixtureToken = 'dlthub_at_fixture_fault_token_0123456789';
const validMe = {
  user: { id: 'u1', username: 'alice', email: null, name: null },
  organizations: [{ id: 'o1', name: 'acme', created_at: '2026-01-01T00:00:00.000Z', role: 'owner' }],
  auth: 'token',
};

describe('workspace-client against misbehaving servers', () => {
  let server: TinyServer | undefined;
  const delays: number[] = [];
  afterEach(async () => {
    await server?.close();
    server = undefined;
    delays.length = 0;
  });

  function client(baseUrl: string, options: Partial<ClientOptions> = {}) {
    return createClient({
      baseUrl,
      token: fixtureToken,
      env: {},
      sleep: async (ms) => {
        delays.push(ms);
      },
      random: () => 0.5,
      ...options,
    });
  }

  async function failure(promise: Promise<unknown>): Promise<ApiRequestError> {
    const error = await promise.then(
      () => {
        throw new Error('expected the call to fail');
      },
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ApiRequestError);
    expect(String((error as Error).message) + String((error as ApiRequestError).hint)).not.toContain(fixtureToken);
    return error as ApiRequestError;
  }

  it('server down: a Network error naming the host, after the retries', async () => {
    const port = await closedPort();
    const error = await failure(client(`http://127.0.0.1:${port}`, { retries: 2 }).me());
    expect(error.code).toBe('Network');
    expect(error.message).toBe(`Cannot reach http://127.0.0.1:${port}: ECONNREFUSED.`);
    expect(error.hint).toContain('proxy');
    expect(delays).toHaveLength(2);
  });

  it('500s then success: idempotent calls are retried with growing backoff', async () => {
    server = await tinyServer((_req, res, index) =>
      index < 2 ? json(res, 500, { status_code: 500, detail: 'boom' }) : json(res, 200, validMe),
    );
    const me = await client(server.url, { retries: 3, retryBaseDelayMs: 100 }).me();
    expect(me.user.username).toBe('alice');
    expect(server.requests).toHaveLength(3);
    expect(delays).toEqual([75, 150]); // ceiling 100, 200; jitter 0.5 → 3/4 of the ceiling
  });

  it('gives up after the retries with the last 5xx', async () => {
    server = await tinyServer((_req, res) => json(res, 503, { status_code: 503, detail: 'maintenance' }));
    const error = await failure(client(server.url, { retries: 2 }).getWorkspace('w1'));
    expect(server.requests).toHaveLength(3);
    expect(error).toMatchObject({ code: 'Api', status: 503, detail: 'maintenance' });
    expect(error.message).toBe('GET /api/v1/workspaces/w1 failed with HTTP 503: maintenance');
  });

  it('never retries a POST (it may have happened)', async () => {
    server = await tinyServer((_req, res) => json(res, 500, { status_code: 500, detail: 'boom' }));
    await failure(client(server.url, { retries: 3 }).createWorkspace('o1', { name: 'x' }));
    expect(server.requests).toHaveLength(1);
  });

  it('slow responses past the timeout are a Network timeout, retried for GET', async () => {
    server = await tinyServer((_req, res) => {
      const timer = setTimeout(() => json(res, 200, validMe), 2000);
      res.on('close', () => clearTimeout(timer));
    });
    const error = await failure(client(server.url, { timeoutMs: 100, retries: 1 }).me());
    expect(error.code).toBe('Network');
    expect(error.message).toBe('GET /api/v1/me timed out after 100 ms.');
    // One retry, counted by its backoff: under load the retried request can time out before the server sees it.
    expect(delays).toHaveLength(1);
    expect(server.requests.length).toBeGreaterThanOrEqual(1);
  });

  it('malformed JSON is an Api error, not a crash', async () => {
    server = await tinyServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"user": ');
    });
    const error = await failure(client(server.url).me());
    expect(error.code).toBe('Api');
    expect(error.message).toBe('GET /api/v1/me returned HTTP 200 with a body that is not JSON (9 bytes).');
  });

  it('a wrong shape names the endpoint, the shape and the fields', async () => {
    server = await tinyServer((_req, res) => json(res, 200, { items: 'nope', total: 1 }));
    const error = await failure(client(server.url).listWorkspaces());
    expect(error.code).toBe('Api');
    expect(error.message).toContain('GET /api/v1/workspaces returned an unexpected shape object{items, total}: items:');
    expect(error.hint).toContain('dltHub control plane');
  });

  it('401 is an Auth error with the login hint, and a token echoed by the server is redacted', async () => {
    server = await tinyServer((_req, res) =>
      json(res, 401, { status_code: 401, detail: `token ${fixtureToken} has expired` }),
    );
    const error = await failure(client(server.url).me());
    expect(error).toMatchObject({ code: 'Auth', status: 401, exitCode: 1 });
    expect(error.message).toBe('GET /api/v1/me failed with HTTP 401: token *** has expired');
    expect(error.hint).toBe('Run `dlthub login` to sign in again.');
    expect(server.requests).toHaveLength(1);
  });

  it('a 401 on an API key names where the key came from', async () => {
    server = await tinyServer((_req, res) => json(res, 401, { status_code: 401, detail: 'API key has expired.' }));
    const error = await failure(
      client(server.url, {
        credentials: { kind: 'api_key', token: 'dlt_u_fixture_x_0123456789', source: 'RUNTIME__API_KEY' },
      }).me(),
    );
    expect(error.hint).toBe(
      'The API key from RUNTIME__API_KEY was refused; create a new key, or unset it and run `dlthub login`.',
    );
  });

  it('sends the bearer token, JSON accept and a versioned user agent', async () => {
    server = await tinyServer((_req, res) => json(res, 200, validMe));
    await client(server.url, { userAgent: 'dlthub-cli/9.9.9' }).me();
    const headers = server.requests[0]?.headers;
    expect(headers?.authorization).toBe(`Bearer ${fixtureToken}`);
    expect(headers?.accept).toBe('application/json');
    expect(headers?.['user-agent']).toMatch(/^dlthub-cli\/9\.9\.9 dlthub-ts\/\d+\.\d+\.\d+ node\/\d+\.\d+\.\d+$/);
  });

  it('a 413 for an upload says the body is too large and how to shrink a code package', async () => {
    server = await tinyServer((_req, res) =>
      json(res, 413, { status_code: 413, detail: 'Request body is larger than 16777216 bytes.' }),
    );
    const error = await failure(client(server.url).uploadDeployment('w1', new Uint8Array(1024)));
    expect(error.code).toBe('Api');
    expect(error.message).toContain('failed with HTTP 413: Request body is larger than 16777216 bytes.');
    expect(error.hint).toContain('.gitignore');
  });

  it('a server that hangs up during an upload: the error says the upload was cut, not that the host is unreachable', async () => {
    server = await tinyServer((req) => req.socket.destroy());
    const error = await failure(client(server.url).uploadDeployment('w1', new Uint8Array(32 * 1024 * 1024)));
    expect(error.code).toBe('Network');
    expect(error.message).toMatch(
      / closed the connection while 33554432 bytes were being uploaded \((EPIPE|ECONNRESET)\)\.$/,
    );
    expect(error.message.startsWith(server.url.replace(/\/$/, ''))).toBe(true);
    expect(error.hint).toContain('size limit');
  });

  it('a caller abort is Cancelled, not retried', async () => {
    server = await tinyServer(() => undefined);
    const controller = new AbortController();
    const call = client(server.url).listAllWorkspaces({ signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await expect(call).rejects.toMatchObject({ code: 'Cancelled', exitCode: 130 });
    expect(server.requests).toHaveLength(1);
  });

  describe('proxies', () => {
    /** A forward proxy that handles CONNECT tunnels and absolute-URI requests, counting both. */
    async function proxyServer() {
      const seen: string[] = [];
      const proxy = createServer((req, res) => {
        seen.push(`${req.method} ${req.url}`);
        const target = new URL(req.url!);
        const upstream = httpRequest(target, { method: req.method, headers: req.headers }, (answer) => {
          res.writeHead(answer.statusCode!, answer.headers);
          answer.pipe(res);
        });
        req.pipe(upstream);
      });
      proxy.on('connect', (req, clientSocket, head) => {
        seen.push(`CONNECT ${req.url}`);
        const [host, port] = req.url!.split(':');
        const upstream = connect(Number(port), host, () => {
          clientSocket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
          upstream.write(head);
          upstream.pipe(clientSocket);
          clientSocket.pipe(upstream);
        });
        upstream.on('error', () => clientSocket.destroy());
      });
      await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
      return {
        url: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`,
        seen,
        close: () => {
          proxy.closeAllConnections();
          return new Promise<void>((resolve) => proxy.close(() => resolve()));
        },
      };
    }

    it('goes through HTTP_PROXY, and around it for NO_PROXY hosts', async () => {
      server = await tinyServer((_req, res) => json(res, 200, validMe));
      const proxy = await proxyServer();
      try {
        const viaProxy = client(server.url, { env: { HTTP_PROXY: proxy.url } });
        expect((await viaProxy.me()).user.username).toBe('alice');
        await viaProxy.close();
        expect(proxy.seen.length).toBe(1);
        expect(proxy.seen[0]).toContain(new URL(server.url).host);

        const bypass = client(server.url, { env: { HTTP_PROXY: proxy.url, NO_PROXY: '127.0.0.1' } });
        await bypass.me();
        await bypass.close();
        expect(proxy.seen.length).toBe(1);
        expect(server.requests).toHaveLength(2);
      } finally {
        await proxy.close();
      }
    });
  });
});
