/**
 * Platform commands against a real control plane, as a tester attacks them: server strings carrying
 * terminal control sequences, flags that disagree, a create that must not happen before the checks,
 * case-insensitive repository identity, a server echoing part of a token, and parallel connects.
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { parse } from 'smol-toml';
import { api, fixture, loggedIn, sandbox, sharedPlatform } from './harness';

jest.setTimeout(180_000);

const platform = sharedPlatform('dlthub-e2e-safety-', () => ['--poll-interval', '1']);
const { loggedInBox: box, workspaceId: wsId } = platform;

const rawControl = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

describe('terminal injection', () => {
  it('control sequences in a repository the server returns are escaped by workspace list, info and connect', async () => {
    const evil = 'evil\u001b]0;owned\u0007\u001b[2J\rrepo\u009b31m';
    const target = wsId('beta-corp', 'sandbox');
    const bound = await api(platform.plane.url, 'PUT', `/api/v1/workspaces/${target}/repository`, fixture.aliceApiKey, {
      repository: evil,
    });
    expect(bound.status).toBe(200);
    const shop = box('injection', 'git@example.test:acme/injection.git');
    shop.write(
      '.dlt/config.toml',
      `[runtime]\nworkspace_id = "${target}"\norganization_id = "${platform.orgs['beta-corp']}"\n`,
    );
    for (const args of [
      ['workspace', 'list'],
      ['workspace', 'info'],
      ['-v', 'workspace', 'info'],
      ['workspace', 'list', '--json'],
      ['workspace', 'connect', target, '--non-interactive'],
    ]) {
      const result = await shop.run(args);
      expect(`${args.join(' ')}: ${result.stdout}${result.stderr}`).not.toMatch(rawControl);
    }
    const list = await shop.run(['workspace', 'list']);
    expect(list.stdout).toContain('evil\\x1b]0;owned\\x07\\x1b[2J\\x0drepo\\x9b31m');
    const json = JSON.parse((await shop.run(['workspace', 'list', '--json'])).stdout);
    const sandboxEntry = json.organizations
      .flatMap((org: { workspaces: Array<{ id: string; repository: string }> }) => org.workspaces)
      .find((ws: { id: string }) => ws.id === target);
    expect(sandboxEntry.repository).toBe(evil);
  });
});

describe('workspace connect checks before it changes anything', () => {
  it('an id with an --org-id of another organization is refused, nothing written', async () => {
    const shop = box('org-mismatch', 'git@example.test:acme/org-mismatch.git');
    const before = shop.read('.dlt/config.toml');
    const result = await shop.run([
      'workspace',
      'connect',
      wsId('acme', 'marketing'),
      '--org-id',
      platform.orgs['beta-corp'],
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /error: Workspace acme\/marketing \(\S+\) belongs to organization acme \(\S+\), not to --org-id/,
    );
    expect(shop.read('.dlt/config.toml')).toBe(before);
  });

  it('--create without -y and without a terminal, when confirmation is needed, creates nothing on the server', async () => {
    // This repository is already bound to acme/analytics, so moving it to a new workspace needs confirmation.
    const shop = box('create-unconfirmed', 'https://example.test/acme/pipelines.git');
    const result = await shop.run(['workspace', 'connect', 'brand-new', '--org-id', platform.orgs.acme, '--create']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Confirmation needed, but there is no terminal to ask.');
    const after = (await api(platform.plane.url, 'GET', '/api/v1/workspaces')).body.items as Array<{ name: string }>;
    expect(after.map((ws) => ws.name)).not.toContain('brand-new');
    expect(shop.read('.dlt/config.toml')).not.toContain('workspace_id');
  });

  it('a config.toml that is not UTF-8 is refused, never rewritten, and nothing is bound remotely first', async () => {
    const shop = box('latin1', 'git@example.test:acme/latin1.git');
    const latin1 = Buffer.from('# Café\n[runtime]\nlog_level = "WARNING"\n', 'latin1');
    fs.writeFileSync(path.join(shop.dir, '.dlt/config.toml'), latin1);
    const result = await shop.run(['workspace', 'connect', wsId('acme', 'marketing'), '-y']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/error: .*\.dlt\/config\.toml.* not valid UTF-8/);
    expect(fs.readFileSync(path.join(shop.dir, '.dlt/config.toml')).equals(latin1)).toBe(true);
    const remote = await api(platform.plane.url, 'GET', `/api/v1/workspaces/${wsId('acme', 'marketing')}`);
    expect(remote.body.repository).toBeNull();
  });

  it('GitHub owner and repository compare case-insensitively: the same repository is already connected', async () => {
    const target = wsId('acme', 'marketing');
    const bound = await api(platform.plane.url, 'PUT', `/api/v1/workspaces/${target}/repository`, fixture.aliceApiKey, {
      repository: 'github.com/acme/web-shop',
    });
    expect(bound.status).toBe(200);
    const shop = box('case', 'git@github.com:Acme/Web-Shop.git');
    const result = await shop.run(['workspace', 'connect', target, '--json']);
    expect(result.code).toBe(0);
    expect(result.stderr).not.toContain('will be disconnected');
    expect(JSON.parse(result.stdout)).toMatchObject({ deactivated_jobs: 0, workspace: { id: target } });
    const remote = await api(platform.plane.url, 'GET', `/api/v1/workspaces/${target}`);
    expect(remote.body.repository).toBe('github.com/acme/web-shop');
  });
});

describe('plain http', () => {
  it('to a host that is not loopback by name is refused without --insecure, and works with it', async () => {
    // 0.0.0.0 reaches this machine's listeners on Linux, but is not a loopback name: it stands for a remote host.
    const remoteLooking = platform.plane.url.replace('127.0.0.1', '0.0.0.0');
    const shop = sandbox(platform.root, 'insecure', remoteLooking);
    loggedIn(shop);
    const refused = await shop.run(['auth', 'status']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/error: Refusing to send credentials over plain http to 0\.0\.0\.0:\d+/);
    const allowed = await shop.run(['--insecure', 'auth', 'status']);
    expect(allowed.code).toBe(0);
    expect(allowed.stdout).toContain('as alice');
  });
});

describe('a server that echoes part of a token', () => {
  it('never gets the fragment printed', async () => {
    // A stand-in for a misbehaving server (the real control plane never echoes credentials).
    const fragment = fixture.aliceToken.slice(10, 30);
    const server = http.createServer((_request, response) => {
      response.writeHead(401, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ status_code: 401, detail: `unknown token '${fragment}'` }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const shop = sandbox(platform.root, 'echo', url);
      loggedIn(shop);
      for (const args of [
        ['auth', 'status'],
        ['auth', 'status', '--json'],
        ['-v', 'workspace', 'list'],
      ]) {
        const result = await shop.run(args);
        expect(result.code).toBe(1);
        expect(`${result.stdout}${result.stderr}`).not.toContain(fragment.slice(0, 8));
        expect(`${result.stdout}${result.stderr}`).not.toContain(fragment.slice(-8));
      }
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('parallel connects (concurrency suite)', () => {
  it('10 parallel `workspace connect` beside 3 parallel `pipeline init` on one workspace: all changes present, all files parse', async () => {
    const shop = box('parallel', 'git@example.test:acme/parallel.git');
    const target = wsId('beta-corp', 'marketing');
    const runs = [
      ...Array.from({ length: 10 }, () => shop.run(['workspace', 'connect', target, '-y'])),
      ...['rest_api', 'sql_database', 'filesystem'].map((source) => shop.run(['pipeline', 'init', source, 'duckdb'])),
    ];
    const results = await Promise.all(runs);
    for (const result of results) expect(`${result.code} ${result.stderr}`).toMatch(/^0 /);
    const configText = shop.read('.dlt/config.toml');
    const config = parse(configText) as Record<string, any>;
    expect(config.runtime.workspace_id).toBe(target);
    expect(config.runtime.organization_id).toBe(platform.orgs['beta-corp']);
    expect(configText.match(/workspace_id =/g)).toHaveLength(1);
    expect(configText).toContain('# workspace-wide config');
    expect(configText).toContain('log_level = "WARNING"  # keep quiet');
    expect(config.sources.rest_api.base_url).toBe('<configure me>');
    const secrets = parse(shop.read('.dlt/secrets.toml')) as Record<string, any>;
    expect(Object.keys(secrets.sources).sort()).toEqual(expect.arrayContaining(['rest_api', 'sql_database']));
    for (const source of ['rest_api', 'sql_database', 'filesystem']) {
      expect(shop.exists(`${source}_pipeline.py`)).toBe(true);
    }
    const remote = await api(platform.plane.url, 'GET', `/api/v1/workspaces/${target}`);
    expect(remote.body.repository).toBe('example.test/acme/parallel');
  });
});
