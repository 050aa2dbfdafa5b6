import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for GitHub's OAuth web flow on 127.0.0.1 (the public GitHub cannot be reached from the
 * tests): `/login/oauth/authorize` approves at once and redirects back with a code,
 * `/login/oauth/access_token` checks client id, secret and code, and `/api/v3/user` (the GitHub
 * Enterprise Server API path) answers the signed-in user for the token it issued.
 */
export interface FakeGitHub {
  url: string;
  /** The user the next authorization signs in as. */
  signInAs(user: { id: number; login: string; name?: string; email?: string }): void;
  requests: string[];
  close(): Promise<void>;
}

export async function startFakeGitHub(clientId: string, clientSecret: string): Promise<FakeGitHub> {
  let current = { id: 1, login: 'octocat', name: 'The Octocat', email: 'octocat@example.test' } as {
    id: number;
    login: string;
    name?: string;
    email?: string;
  };
  const codes = new Map<string, typeof current>();
  const tokens = new Map<string, typeof current>();
  const requests: string[] = [];
  let counter = 0;
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://github.invalid');
    requests.push(`${req.method} ${url.pathname}`);
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === '/login/oauth/authorize') {
      if (url.searchParams.get('client_id') !== clientId) return json(400, { error: 'bad client' });
      const code = `code-${++counter}`;
      codes.set(code, current);
      const back = new URL(url.searchParams.get('redirect_uri')!);
      back.searchParams.set('code', code);
      back.searchParams.set('state', url.searchParams.get('state') ?? '');
      res.writeHead(302, { location: back.toString() });
      res.end();
      return;
    }
    if (url.pathname === '/login/oauth/access_token' && req.method === 'POST') {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        const form = new URLSearchParams(body);
        const user = codes.get(form.get('code') ?? '');
        if (form.get('client_id') !== clientId || form.get('client_secret') !== clientSecret || !user) {
          return json(200, { error: 'bad_verification_code' });
        }
        codes.delete(form.get('code')!);
        const token = `gho_fake_${++counter}`;
        tokens.set(token, user);
        json(200, { access_token: token, token_type: 'bearer', scope: 'read:user,user:email' });
      });
      return;
    }
    if (url.pathname === '/api/v3/user') {
      const user = tokens.get((req.headers.authorization ?? '').replace(/^Bearer /, ''));
      if (!user) return json(401, { message: 'Bad credentials' });
      return json(200, { id: user.id, login: user.login, name: user.name ?? null, email: user.email ?? null });
    }
    json(404, { message: 'Not Found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    signInAs: (user) => (current = user),
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
