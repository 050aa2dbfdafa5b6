/**
 * `workspace list/connect/info`, `configuration sync` and `deploy` against one real control-plane
 * process (restarted mid-suite on the same data dir), with real git repositories and `.dlt` files.
 */
import { parse } from 'smol-toml';
import { openStore } from '@dlthub/control-plane';
import {
  api,
  capturedGroup,
  decide,
  fixture,
  type Sandbox,
  sandbox,
  sharedPlatform,
  storedToken,
  userCodeLine,
} from './harness';

jest.setTimeout(60_000);

const platform = sharedPlatform('dlthub-e2e-workspace-', () => ['--poll-interval', '1']);
const { loggedInBox: box, workspaceId: wsId } = platform;

describe('workspace list', () => {
  it('groups workspaces by organization, as a table and as JSON', async () => {
    const shop = box('list');
    const result = await shop.run(['workspace', 'list']);
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(`acme (owner, id ${platform.orgs.acme})`);
    expect(lines[1]).toMatch(/^ {4}analytics\s+\S+\s+example\.test\/acme\/pipelines$/);
    expect(lines[2]).toMatch(/^ {4}marketing\s+\S+$/);
    expect(lines[3]).toBe(`beta-corp (member, id ${platform.orgs['beta-corp']})`);
    const json = await shop.runJson(['workspace', 'list']);
    expect(
      json.organizations.map((org: { name: string; workspaces: Array<{ name: string }> }) => [
        org.name,
        org.workspaces.map((ws) => ws.name),
      ]),
    ).toEqual([
      ['acme', ['analytics', 'marketing']],
      ['beta-corp', ['marketing', 'sandbox']],
    ]);
    expect(json.connected_workspace_id).toBeNull();
  });
});

describe('api_base_url', () => {
  it('comes from the config engine: [workspace.runtime] api_base_url in .dlt/config.toml, RUNTIME__API_BASE_URL, else https://api.dlthub.com', async () => {
    const shop = box('base-url');
    delete shop.env.RUNTIME__API_BASE_URL;
    const unset = await shop.runJson(['workspace', 'info']);
    expect(unset).toMatchObject({ connected: false, api_base_url: 'https://api.dlthub.com' });
    shop.write(
      '.dlt/config.toml',
      `${shop.read('.dlt/config.toml')}\n[workspace.runtime]\napi_base_url = "${platform.plane.url}"\n`,
    );
    const fromFile = await shop.runJson(['auth', 'status']);
    expect(fromFile).toMatchObject({ api_base_url: platform.plane.url, user: { username: 'alice' } });
    const fromEnv = await shop.run(['auth', 'status'], { env: { RUNTIME__API_BASE_URL: 'http://127.0.0.1:9' } });
    expect(fromEnv.code).toBe(1);
    expect(fromEnv.stderr).toContain('Cannot reach http://127.0.0.1:9');
  });
});

describe('workspace connect', () => {
  it('by name with --org-id: writes workspace_id and organization_id, keeping the file as it was', async () => {
    const shop = box('by-name', 'git@example.test:acme/by-name.git');
    const ambiguous = await shop.run(['workspace', 'connect', 'marketing']);
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stderr).toContain('error: Workspace "marketing" exists in several organizations.');
    expect(ambiguous.stderr).toContain(
      `hint: Pass --org-id <id>: acme (--org-id ${platform.orgs.acme}), beta-corp (--org-id ${platform.orgs['beta-corp']}).`,
    );

    const result = await shop.run(['workspace', 'connect', 'marketing', '--org-id', platform.orgs.acme]);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(
      `Connected example.test/acme/by-name to workspace acme/marketing (${wsId('acme', 'marketing')}).`,
    );
    expect(shop.read('.dlt/config.toml')).toBe(
      `# workspace-wide config\n[runtime]\nlog_level = "WARNING"  # keep quiet\nworkspace_id = "${wsId('acme', 'marketing')}"\norganization_id = "${platform.orgs.acme}"\n\n[workspace.settings]\nname = "shop"\n`,
    );
    const remote = await api(platform.plane.url, 'GET', `/api/v1/workspaces/${wsId('acme', 'marketing')}`);
    expect(remote.body.repository).toBe('example.test/acme/by-name');

    const again = await shop.runJson(['workspace', 'connect', 'marketing']);
    expect(again).toMatchObject({ already_connected: true, deactivated_jobs: 0 });
    const info = await shop.runJson(['workspace', 'info']);
    expect(info).toMatchObject({
      connected: true,
      local: {
        workspace_id: wsId('acme', 'marketing'),
        organization_id: platform.orgs.acme,
        repository: 'example.test/acme/by-name',
        repository_source: 'origin',
      },
      remote: { name: 'marketing', organization_name: 'acme', repository_matches: true },
      latest_configuration: null,
    });
  });

  it('by id; without a name and without a terminal it fails with the flags to pass', async () => {
    const shop = box('by-id', 'https://ci-token@example.test/beta/by-id.git');
    const noName = await shop.run(['workspace', 'connect']);
    expect(noName.code).toBe(2);
    expect(noName.stderr).toMatch(
      /error: Cannot choose a workspace non-interactively\.\nhint: Pass the workspace: `dlthub workspace connect <name_or_id>` --org-id <id>/,
    );
    const result = await shop.runJson(['workspace', 'connect', wsId('beta-corp', 'sandbox')]);
    // Credentials embedded in a remote URL never leave the machine.
    expect(result).toMatchObject({
      workspace: { name: 'sandbox', organization_name: 'beta-corp' },
      repository: 'example.test/beta/by-id',
      organization_id_written: true,
    });
    expect(parse(shop.read('.dlt/config.toml'))).toMatchObject({
      runtime: { workspace_id: wsId('beta-corp', 'sandbox'), organization_id: platform.orgs['beta-corp'] },
    });
  });

  it('--create makes the workspace in the pinned organization; organization_id is write-once and another org is refused', async () => {
    const shop = box('create', 'git@example.test:acme/create.git');
    const missing = await shop.run(['workspace', 'connect', 'fresh-one', '--org-id', platform.orgs.acme]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(
      /error: Workspace "fresh-one" not found in organization acme\.\nhint: .*pass --create/,
    );
    const created = await shop.runJson([
      'workspace',
      'connect',
      'fresh-one',
      '--org-id',
      platform.orgs.acme,
      '--create',
    ]);
    expect(created).toMatchObject({ created: true, workspace: { name: 'fresh-one', organization_name: 'acme' } });
    expect((await api(platform.plane.url, 'GET', `/api/v1/workspaces/${created.workspace.id}`)).body).toMatchObject({
      repository: 'example.test/acme/create',
    });
    const before = shop.read('.dlt/config.toml');

    // The pinned organization (acme) refuses beta-corp's workspace, by id, by --org-id and by name.
    for (const args of [
      [wsId('beta-corp', 'sandbox')],
      ['marketing', '--org-id', platform.orgs['beta-corp']],
      ['sandbox'],
    ]) {
      const refused = await shop.run(['workspace', 'connect', ...args, '-y']);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain(
        `error: This workspace is pinned to organization ${platform.orgs.acme} (.dlt/config.toml:5 (runtime.organization_id))`,
      );
      expect(refused.stderr).toContain(
        'hint: organization_id is write-once. To switch organizations, remove the organization_id line from .dlt/config.toml by hand',
      );
    }
    expect(shop.read('.dlt/config.toml')).toBe(before);

    // Within the pinned organization, switching workspaces keeps organization_id as it is.
    const moved = await shop.runJson(['workspace', 'connect', 'marketing', '-y']);
    expect(moved).toMatchObject({
      workspace: { name: 'marketing', organization_name: 'acme' },
      organization_id_written: false,
    });
    expect(shop.read('.dlt/config.toml')).toBe(before.replace(created.workspace.id, wsId('acme', 'marketing')));

    // Removing the line by hand (as the product page says) lets the repository move to another org.
    shop.write('.dlt/config.toml', shop.read('.dlt/config.toml').replace(/organization_id = .*\n/, ''));
    const switched = await shop.runJson(['workspace', 'connect', 'sandbox', '-y']);
    expect(switched).toMatchObject({ workspace: { organization_name: 'beta-corp' }, organization_id_written: true });
  });

  it('on a terminal: a searchable picker grouped by organization', async () => {
    const shop = box('picker', 'git@example.test:beta/picker.git');
    // sandbox belongs to another repository: choosing it asks for confirmation on the terminal.
    await api(
      platform.plane.url,
      'PUT',
      `/api/v1/workspaces/${wsId('beta-corp', 'sandbox')}/repository`,
      fixture.aliceApiKey,
      {
        repository: 'example.test/beta/elsewhere',
      },
    );
    const picker = shop.startInTerminal(['workspace', 'connect']);
    await picker.waitForScreen(
      /── acme \(owner\) ──[\s\S]*analytics[\s\S]*marketing[\s\S]*── beta-corp \(member\) ──[\s\S]*Create a new workspace/,
    );
    picker.type('sand');
    await picker.waitForScreen(/sand\s*\r?\n ── beta-corp \(member\) ──\r?\n❯ sandbox/);
    picker.type('\r');
    await picker.waitForScreen(
      /beta-corp\/sandbox is connected to example\.test\/beta\/elsewhere[\s\S]*Connect this repository to beta-corp\/sandbox\? \(y\/N\)/,
    );
    picker.type('y\r');
    const result = await picker.done;
    expect(result.code).toBe(0);
    expect(result.screen).toContain(
      `Connected example.test/beta/picker to workspace beta-corp/sandbox (${wsId('beta-corp', 'sandbox')}).`,
    );
    expect(parse(shop.read('.dlt/config.toml'))).toMatchObject({
      runtime: { workspace_id: wsId('beta-corp', 'sandbox'), organization_id: platform.orgs['beta-corp'] },
    });
  });

  it('on a terminal: "create a new workspace" asks for a name and an organization', async () => {
    const shop = box('picker-create', 'git@example.test:acme/picker-create.git');
    const picker = shop.startInTerminal(['workspace', 'connect']);
    await picker.waitForScreen(/Create a new workspace/);
    picker.type('no-such-thing');
    await picker.waitForScreen(/no-such-thing\s*\r?\n\s*\r?\n❯ \+ Create a new workspace/);
    picker.type('\r');
    await picker.waitForScreen(/Name of the new workspace:/);
    picker.type('picked-here\r');
    await picker.waitForScreen(/Create it in which organization\?[\s\S]*acme \(owner\)[\s\S]*beta-corp \(member\)/);
    picker.type('\r');
    const result = await picker.done;
    expect(result.code).toBe(0);
    expect(result.screen).toContain('Created workspace acme/picked-here');
    const created = (
      await api(platform.plane.url, 'GET', `/api/v1/workspaces?organization_id=${platform.orgs.acme}`)
    ).body.items.find((ws: { name: string }) => ws.name === 'picked-here');
    expect(created.repository).toBe('example.test/acme/picker-create');
  });

  it('re-binding a repository bound elsewhere needs confirmation (-y without a terminal) and reports the deactivated jobs', async () => {
    const shop = box('rebind', 'git@example.test:acme/pipelines.git');
    const jobsBefore = await api(
      platform.plane.url,
      'GET',
      `/api/v1/workspaces/${wsId('acme', 'analytics')}/jobs?archived=true`,
    );
    expect(jobsBefore.body.items.filter((job: { active: boolean }) => job.active)).toHaveLength(2);

    const unconfirmed = await shop.run(['workspace', 'connect', 'marketing', '--org-id', platform.orgs.acme]);
    expect(unconfirmed.code).toBe(2);
    expect(unconfirmed.stderr).toContain(
      'warning: This repository is connected to acme/analytics; moving it deactivates 2 active jobs deployed there',
    );
    expect(unconfirmed.stderr).toMatch(
      /error: Connect this repository to acme\/marketing\? Confirmation needed, but there is no terminal to ask\.\nhint: Pass -y/,
    );
    expect(shop.read('.dlt/config.toml')).not.toContain('workspace_id');
    expect(
      (await api(platform.plane.url, 'GET', `/api/v1/workspaces/${wsId('acme', 'analytics')}`)).body.repository,
    ).toBe('example.test/acme/pipelines');

    const confirmed = await shop.run([
      'workspace',
      'connect',
      'marketing',
      '--org-id',
      platform.orgs.acme,
      '-y',
      '--json',
    ]);
    expect(confirmed.code).toBe(0);
    expect(JSON.parse(confirmed.stdout)).toMatchObject({
      deactivated_jobs: 2,
      previous_workspace_id: wsId('acme', 'analytics'),
    });
    expect(confirmed.stderr).toContain('Deactivated 2 jobs of the previous binding (run history kept).');
    const jobsAfter = await api(
      platform.plane.url,
      'GET',
      `/api/v1/workspaces/${wsId('acme', 'analytics')}/jobs?archived=true`,
    );
    expect(jobsAfter.body.items.map((job: { active: boolean }) => job.active)).toEqual([false, false]);
  });
});

describe('configuration sync', () => {
  let shop: Sandbox;
  let workspaceId: string;

  beforeAll(async () => {
    shop = box('sync', 'git@example.test:beta/sync.git');
    expect((await shop.run(['workspace', 'connect', 'marketing', '--org-id', platform.orgs['beta-corp']])).code).toBe(
      0,
    );
    workspaceId = wsId('beta-corp', 'marketing');
    shop.write('.dlt/dev.config.toml', '[destination.warehouse]\ndestination_type = "duckdb"\n');
    shop.write('.dlt/dev.secrets.toml', `[sources.x]\npassword = "${fixture.devPassword}"\n`);
    shop.write('.dlt/tests.config.toml', '[runtime]\nlog_level = "DEBUG"\n');
    shop.write('.dlt/prod.config.toml', '[destination.warehouse]\ndestination_type = "motherduck"\n');
    shop.write(
      '.dlt/prod.secrets.toml',
      `[destination.warehouse.credentials]\ndatabase = "shop"\npassword = "${fixture.prodPassword}"\n`,
    );
    shop.write(
      '.dlt/access.secrets.toml',
      `[destination.warehouse.credentials]\ndatabase = "shop"\npassword = "${fixture.accessPassword}"\n`,
    );
    shop.write('.dlt/analytics.secrets.toml', `[sources.crm]\napi_secret = "${fixture.analyticsSecret}"\n`);
    shop.write('.dlt/staging.config.toml', '[x]\ny = 1\n');
    shop.write('.dlt/secrets.toml', `# add your dlt secrets here\n[runtime]\napi_key = "${fixture.aliceApiKey}"\n`);
    // A job decorator over several lines references the custom profile; decorators in .venv do not count.
    shop.write(
      'jobs/report.py',
      'import dlt\n\n\n@job(\n    require={\n        "profile": "analytics",\n    },\n)\ndef report():\n    pass\n',
    );
    shop.write('.venv/lib/site.py', '@job(require={"profile": "staging"})\ndef x(): pass\n');
    shop.write('node_modules/pkg/x.py', '@job(require={"profile": "staging"})\n');
  });

  it('--dry-run lists exactly the files that would go, and uploads nothing', async () => {
    const result = await shop.run(['configuration', 'sync', '--dry-run', '--json']);
    expect(result.code).toBe(0);
    const dry = JSON.parse(result.stdout);
    expect(dry).toMatchObject({
      dry_run: true,
      status: 'dry_run',
      workspace_id: workspaceId,
      profiles: ['prod', 'access', 'analytics'],
    });
    expect(dry.files).toEqual([
      { path: '.dlt/config.toml', scope: 'workspace', profile: null },
      { path: '.dlt/secrets.toml', scope: 'workspace', profile: null, note: 'runtime.api_key left out' },
      { path: '.dlt/prod.config.toml', scope: 'profile', profile: 'prod' },
      { path: '.dlt/prod.secrets.toml', scope: 'profile', profile: 'prod' },
      { path: '.dlt/access.secrets.toml', scope: 'profile', profile: 'access' },
      {
        path: '.dlt/analytics.secrets.toml',
        scope: 'profile',
        profile: 'analytics',
        note: 'referenced by jobs/report.py:6',
      },
    ]);
    expect(dry.not_synced).toEqual([
      { path: '.dlt/dev.config.toml', reason: 'profile dev is local' },
      { path: '.dlt/dev.secrets.toml', reason: 'profile dev is local' },
      { path: '.dlt/staging.config.toml', reason: 'profile staging is not referenced by any job' },
      { path: '.dlt/tests.config.toml', reason: 'profile tests is local' },
    ]);
    expect((await api(platform.plane.url, 'GET', `/api/v1/workspaces/${workspaceId}/configurations`)).body.total).toBe(
      0,
    );
    const text = await shop.run(['configuration', 'sync', '--dry-run']);
    expect(text.stdout).toContain('  .dlt/analytics.secrets.toml  (profile analytics; referenced by jobs/report.py:6)');
    expect(text.stdout).toContain('  not synced: .dlt/dev.secrets.toml  (profile dev is local)');
  });

  it('uploads once, dedupes unchanged content, uploads again on change; dev/tests and local credentials never leave', async () => {
    const first = await shop.runJson(['configuration', 'sync']);
    expect(first).toMatchObject({ status: 'uploaded', version: 1, profiles: ['prod', 'access', 'analytics'] });
    const again = await shop.run(['configuration', 'sync']);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^Configuration unchanged \(version 1, sha256:[0-9a-f]{12}…\): nothing uploaded\./);
    const dry = await shop.runJson(['configuration', 'sync', '--dry-run']);
    expect(dry).toMatchObject({ remote_unchanged: true, version: 1 });

    shop.write(
      '.dlt/prod.config.toml',
      '[destination.warehouse]\ndestination_type = "motherduck"\n\n[runtime]\nlog_level = "INFO"\n',
    );
    const second = await shop.runJson(['configuration', 'sync']);
    expect(second).toMatchObject({ status: 'uploaded', version: 2 });
    const versions = (await api(platform.plane.url, 'GET', `/api/v1/workspaces/${workspaceId}/configurations`)).body;
    expect(versions.total).toBe(2);
    expect(versions.items[0].profiles.sort()).toEqual(['access', 'analytics', 'prod']);

    // What the server stored (encrypted at rest, read back through its store): never dev/tests, never the
    // CLI's own API key.
    const store = await openStore({ dataDir: platform.plane.dataDir });
    const stored = await store
      .read(async (tx) => {
        const contents: string[] = [];
        for (const { id } of await tx.list('configurations')) contents.push((await tx.configurationContent(id))!);
        return contents;
      })
      .finally(() => store.close());
    expect(stored).toHaveLength(2);
    for (const content of stored) {
      expect(content).not.toContain(fixture.devPassword);
      expect(content).not.toContain('log_level = \\"DEBUG\\"');
      expect(content).not.toContain(fixture.aliceApiKey);
      expect(content).toContain(fixture.prodPassword);
      expect(content).toContain(fixture.analyticsSecret);
    }
  });

  it('after a control-plane restart, the binding and the uploads are still there', async () => {
    await platform.restartPlane();
    shop.env.RUNTIME__API_BASE_URL = platform.plane.url;
    const info = await shop.runJson(['workspace', 'info']);
    expect(info).toMatchObject({
      connected: true,
      remote: { id: workspaceId, repository: 'example.test/beta/sync', repository_matches: true },
      latest_configuration: { version: 2 },
    });
    const unchanged = await shop.runJson(['configuration', 'sync']);
    expect(unchanged).toMatchObject({ status: 'unchanged', version: 2 });
    const rebound = await api(
      platform.plane.url,
      'GET',
      `/api/v1/workspaces/${wsId('acme', 'analytics')}/jobs?archived=true`,
    );
    expect(rebound.body.items.map((job: { active: boolean }) => job.active)).toEqual([false, false]);
  });

  it('refuses to sync a workspace that is not connected', async () => {
    const loose = box('not-connected');
    const result = await loose.run(['configuration', 'sync']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /error: This workspace is not connected to a remote workspace \(no \[runtime\] workspace_id\)\.\nhint: Run `dlthub workspace connect` first/,
    );
  });
});

describe('deploy', () => {
  it('first run on a terminal with a browser opener: logs in by device flow, connects with the given flags, then syncs', async () => {
    const shop = sandbox(platform.root, 'deploy', platform.plane.url, 'git@example.test:acme/deploy.git');
    shop.write('.dlt/prod.secrets.toml', `[destination.warehouse.credentials]\npassword = "${fixture.prodPassword}"\n`);
    shop.write('__deployment__.py', 'import hello\n\n__all__ = ["hello"]\n');
    shop.write('hello.py', 'if __name__ == "__main__":\n    print("hello")\n');
    // An opener that exits at once, as xdg-open does: the walk-through must keep polling, not end with success.
    const deploy = shop.startInTerminal(
      ['deploy', '--workspace', 'deployed', '--org-id', platform.orgs.acme, '--create'],
      {
        env: { BROWSER: 'true' },
      },
    );
    await deploy.waitForScreen(/waiting for approval/);
    // Still running after the opener exited: give it time to end (wrongly) before approving.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const code = capturedGroup(userCodeLine.exec(deploy.screenSoFar()), userCodeLine);
    await decide(platform.plane.url, 'alice', code, 'approve');
    const result = await deploy.done;
    expect(result.code).toBe(0);
    storedToken(shop);
    expect(result.screen).toContain('Step 1/3: not logged in, starting the device-flow login.');
    expect(result.screen).toContain('Logged in as alice.');
    expect(result.screen).toContain('Step 2/3: not connected, choosing a remote workspace.');
    expect(result.screen).toContain('Created workspace acme/deployed');
    expect(result.screen).toMatch(
      /Deploy done: deployment version 1, configuration version 1, 2 job\(s\) in the manifest\./,
    );
    // A second deploy has nothing to do but say so.
    const second = await shop.runJson(['deploy']);
    expect(second).toMatchObject({
      login: { performed: false },
      connect: { performed: false },
      deployment: { version: 1, skipped: true },
      configuration: { status: 'unchanged', version: 1 },
      reconcile: { added: [], archived: [] },
    });
  });

  it('without a terminal and without a credential it fails at once with what to run (--non-interactive too)', async () => {
    const shop = sandbox(platform.root, 'deploy-no-tty', platform.plane.url);
    for (const args of [['deploy'], ['--non-interactive', 'deploy']]) {
      const result = await shop.run(args);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/error: Not logged in\.\nhint: Run `dlthub login` on a terminal/);
      expect(result.stderr).not.toContain('one-time code');
    }
  });

  it('in CI without a credential it fails at once instead of starting a login', async () => {
    const shop = sandbox(platform.root, 'deploy-ci', platform.plane.url);
    const result = await shop.run(['deploy'], { env: { CI: 'true' } });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /error: Not logged in\.\nhint: Run `dlthub login` on a terminal \(in CI set RUNTIME__API_KEY/,
    );
    expect(result.stderr).not.toContain('one-time code');
  });
});
