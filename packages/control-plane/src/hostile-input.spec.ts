import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { aliceToken, demoSeed, tempDir } from './__fixtures__/harness';
import { startProcess } from './__fixtures__/process';
import { rawRequest, type RawAnswer } from './__fixtures__/raw-http';
import type { SpawnedControlPlane } from './spawn';

/**
 * Hostile input against the real server process on 127.0.0.1: odd request targets, escapes, methods,
 * headers, bodies, content types, nesting and half-open sockets, each sent as raw bytes. After every
 * request the server must still answer, and every error must be `{status_code, detail}`.
 */

interface Case {
  name: string;
  bytes: string | Buffer;
  halfClose?: boolean;
  /** No answer expected (e.g. the client hung up before the request was complete). */
  mayStaySilent?: boolean;
}

const targets = [
  '//',
  '//:99999/x',
  '//a:b@/',
  '//evil.example/api/v1/me',
  '///',
  '/%',
  '/%zz',
  '/%E0%A4%A',
  '/%ff%fe',
  '/api/v1/workspaces/%',
  '/api/v1/workspaces/%zz',
  '/api/v1/workspaces/%ED%A0%80',
  '/api/v1/workspaces/%00',
  '/api/v1/workspaces/..%2f..%2fetc%2fpasswd',
  '/api/v1/organizations/%C0%AF/workspaces',
  '/../../etc/passwd',
  '/device?user_code=%zz',
  '/login?next=%',
  '/login?next=/\\evil.example',
  '/api/v1/workspaces?limit=%zz&offset=-1',
  '/api/v1/workspaces?limit=1e309',
  '/api/v1/me?' + 'a=b&'.repeat(500),
  '/' + 'a/'.repeat(1500),
  '*',
  'http://evil.example/api/v1/me',
  'http://[::1/',
  'garbage',
  '?x=1',
];
const methods = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD', 'TRACE', 'BREW', 'get'];

function request(method: string, target: string, headers: Record<string, string> = {}, body = ''): string {
  const lines = [`${method} ${target} HTTP/1.1`, 'host: 127.0.0.1', 'connection: close'];
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
  if (body && !Object.keys(headers).some((h) => /content-length|transfer-encoding/i.test(h))) {
    lines.push(`content-length: ${Buffer.byteLength(body)}`);
  }
  return `${lines.join('\r\n')}\r\n\r\n${body}`;
}

const writeRoutes = [
  'POST /api/v1/auth/device/code',
  'POST /api/v1/auth/device/token',
  'POST /api/v1/api-keys',
  'POST /api/v1/organizations/00000000-0000-0000-0000-000000000000/workspaces',
  'PUT /api/v1/workspaces/00000000-0000-0000-0000-000000000000/repository',
  'POST /api/v1/workspaces/00000000-0000-0000-0000-000000000000/configurations',
  'POST /login',
  'POST /device',
];
const bodies: [string, string][] = [
  ['application/json', '{not json'],
  ['application/json', '['.repeat(20_000)],
  ['application/json', `${'['.repeat(5_000)}${']'.repeat(5_000)}`],
  ['application/json', `${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}`],
  ['application/json', '{"__proto__":{"polluted":true},"constructor":{"prototype":{"x":1}}}'],
  ['application/json', '"just a string"'],
  ['application/json', 'null'],
  ['application/json', '[1,2,3]'],
  ['application/json', JSON.stringify({ name: 'x'.repeat(60_000) })],
  ['application/json', JSON.stringify({ profiles: { prod: { config: 1, secrets: [] } }, workspace: null })],
  ['application/json', '\u0000\u0001\u0002'],
  ['application/json; charset=utf-16', '{"name":"a"}'],
  ['application/x-www-form-urlencoded', 'user_code=%zz&action=%&next=%'],
  ['application/x-www-form-urlencoded', 'a=1&'.repeat(2_000)],
  ['multipart/form-data; boundary=x', '--x\r\ncontent-disposition: form-data; name="a"\r\n\r\n1\r\n--x--'],
  ['text/plain', 'hello'],
  ['', '{"name":"a"}'],
  ['application/json', '\uFEFF{"name":"a"}'],
];

const headerCases: [string, Record<string, string>, string?][] = [
  ['oversized header', { 'x-big': 'a'.repeat(20_000) }],
  ['many headers', Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`x-h${i}`, 'v']))],
  ['bad content-length', { 'content-length': 'abc' }, 'x'],
  ['negative content-length', { 'content-length': '-5' }, 'x'],
  ['huge content-length', { 'content-length': '99999999999' }, 'x'],
  ['content-length and chunked', { 'content-length': '3', 'transfer-encoding': 'chunked' }, '0\r\n\r\n'],
  ['bad chunk size', { 'transfer-encoding': 'chunked' }, 'zz\r\nabc\r\n0\r\n\r\n'],
  ['unknown transfer-encoding', { 'transfer-encoding': 'gzip, rot13' }, 'abc'],
  ['empty bearer', { authorization: 'Bearer' }],
  ['bearer with spaces', { authorization: 'Bearer a b c' }],
  ['long bearer', { authorization: `Bearer ${'t'.repeat(7_000)}` }],
  ['basic auth', { authorization: 'Basic YWxpY2U6cGFzcw==' }],
  ['api key prefix only', { authorization: 'Bearer dlt_' }],
  ['bad cookie escapes', { cookie: 'dlthub_session=%zz; other=%' }],
  ['cookie without value', { cookie: 'dlthub_session; =; ;' }],
  ['origin null', { origin: 'null', 'content-type': 'application/x-www-form-urlencoded' }, 'username=alice'],
  ['foreign origin', { origin: 'https://evil.example' }],
  ['expect 100', { expect: '100-continue', 'content-type': 'application/json' }, '{}'],
  ['expect unknown', { expect: 'the-unexpected' }],
  ['upgrade websocket', { upgrade: 'websocket', connection: 'Upgrade' }],
  ['x-forwarded-for spoof', { 'x-forwarded-for': '1.2.3.4, ::1' }],
  ['utf-8 header value', { 'x-name': 'ünïcödé' }],
];

function cases(): Case[] {
  const all: Case[] = [];
  for (const target of targets) {
    for (const method of methods) all.push({ name: `${method} ${target}`, bytes: request(method, target) });
  }
  for (const route of writeRoutes) {
    const [method, target] = route.split(' ') as [string, string];
    for (const [contentType, body] of bodies) {
      for (const auth of [{}, { authorization: `Bearer ${aliceToken}` }] as Record<string, string>[]) {
        const headers: Record<string, string> = { ...auth, ...(contentType ? { 'content-type': contentType } : {}) };
        all.push({
          name: `${route} ${contentType} ${body.slice(0, 20)}`,
          bytes: request(method, target, headers, body),
        });
      }
    }
  }
  for (const [name, headers, body] of headerCases) {
    for (const route of ['GET /api/v1/me', 'POST /api/v1/auth/device/code', 'POST /login']) {
      const [method, target] = route.split(' ') as [string, string];
      all.push({ name: `${name} on ${route}`, bytes: request(method, target, headers, body ?? '') });
    }
  }
  const raw = [
    'GET / HTTP/9.9\r\n\r\n',
    'GET\r\n\r\n',
    ' / HTTP/1.1\r\n\r\n',
    'GET / HTTP/1.1\r\nhost: a\r\nbad header line\r\n\r\n',
    'GET / HTTP/1.1\r\nhost: a\r\nx:\u0000y\r\n\r\n',
    'GET /\u0000 HTTP/1.1\r\nhost: a\r\n\r\n',
    'GET /\u00ff HTTP/1.1\r\nhost: a\r\n\r\n',
    'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n',
    'CONNECT 127.0.0.1:22 HTTP/1.1\r\nhost: 127.0.0.1:22\r\n\r\n',
  ];
  for (const bytes of raw) all.push({ name: JSON.stringify(bytes.slice(0, 30)), bytes });
  all.push({ name: 'random bytes', bytes: Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 7919) % 256)) });
  // Half-open sockets: the client sends part of a request and closes its side.
  const partials = [
    'GET /api/v1/me HTTP/1.1\r\nhost: a',
    'GET /api/v1/me HTTP/1.1\r\n',
    'POST /api/v1/auth/device/code HTTP/1.1\r\nhost: a\r\ncontent-length: 100\r\n\r\n{"client_id"',
    'POST /login HTTP/1.1\r\nhost: a\r\ntransfer-encoding: chunked\r\n\r\n5\r\nab',
    'GE',
    '\r\n\r\n\r\n',
  ];
  for (const bytes of partials) {
    for (let i = 0; i < 4; i++)
      all.push({ name: `half-open ${JSON.stringify(bytes)}`, bytes, halfClose: true, mayStaySilent: true });
  }
  return all;
}

function expectErrorShape(testCase: Case, answer: RawAnswer): void {
  const context = `${testCase.name} → ${answer.status} ${answer.body.slice(0, 200)}`;
  expect({ context, serverError: answer.status >= 500 }).toEqual({ context, serverError: false });
  if (answer.status < 400 || /^HEAD /i.test(String(testCase.bytes))) return;
  // The sign-in and approval pages answer people with the page itself and the error on it.
  if (/content-type: text\/html/i.test(answer.headers)) {
    expect({ context, page: /^[A-Za-z]+ \/(login|device)\b/.test(String(testCase.bytes)) }).toEqual({
      context,
      page: true,
    });
    return;
  }
  let body: unknown;
  try {
    body = JSON.parse(answer.body);
  } catch {
    body = answer.body;
  }
  expect({ context, body }).toEqual({
    context,
    body: expect.objectContaining({ status_code: answer.status, detail: expect.any(String) }),
  });
}

describe('hostile input', () => {
  let plane: SpawnedControlPlane;
  let cleanup: () => void;

  beforeAll(async () => {
    const temp = tempDir('cp-hostile-');
    cleanup = temp.cleanup;
    const seedFile = join(temp.dir, 'seed.json');
    writeFileSync(seedFile, JSON.stringify(demoSeed));
    plane = await startProcess(['--data-dir', join(temp.dir, 'data'), '--seed', seedFile, '--quiet']);
  });
  afterAll(async () => {
    await plane.stop();
    cleanup();
  });

  it('answers every one of at least 500 hostile requests in the error shape and keeps serving', async () => {
    const all = cases();
    expect(all.length).toBeGreaterThanOrEqual(500);
    for (const testCase of all) {
      const answer = await rawRequest(plane.url, testCase.bytes, { halfClose: testCase.halfClose });
      if (answer) expectErrorShape(testCase, answer);
      else
        expect({ name: testCase.name, answered: false }).toEqual({
          name: testCase.name,
          answered: !testCase.mayStaySilent,
        });
      const health = await fetch(`${plane.url}/healthz`);
      expect({ after: testCase.name, status: health.status }).toEqual({ after: testCase.name, status: 200 });
      await health.text();
    }
    expect(plane.child.exitCode).toBeNull();
    expect(plane.output().stderr).not.toMatch(/uncaught|unhandled/);
  }, 180_000);

  it('the reported targets are plain 404s, bad escapes 400', async () => {
    for (const target of ['//', '//:99999/x', '//a:b@/']) {
      const answer = (await rawRequest(plane.url, request('GET', target)))!;
      expect(answer.status).toBe(404);
      expect(JSON.parse(answer.body)).toEqual({
        status_code: 404,
        detail: expect.stringContaining('No such endpoint'),
      });
    }
    const badEscape = (await rawRequest(
      plane.url,
      request('GET', '/api/v1/workspaces/%zz', { authorization: `Bearer ${aliceToken}` }),
    ))!;
    expect(JSON.parse(badEscape.body)).toEqual({
      status_code: 400,
      detail: 'Malformed percent-escape in the request path.',
    });
  });
});
