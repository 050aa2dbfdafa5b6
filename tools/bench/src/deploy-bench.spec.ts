/** Smoke check of the deploy benchmark's generators (the benchmark itself runs with `npm run bench -- deploy`). */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildCodePackage, generateManifest } from '@dlthub/deployment';
import { execFileSync } from 'node:child_process';
import { SeedSchema } from '@dlthub/control-plane';
import { generateJobsWorkspace, generatePackagingWorkspace } from './deploy-bench';
import {
  BENCH_WORKSPACE,
  benchOrgId,
  DEPLOY_WORKSPACES,
  generateDeployableWorkspace,
  generateHelloWorkspace,
  getWithApiKey,
  remoteRunSeed,
  startRemoteRunPlane,
} from './remote-run';

jest.setTimeout(60_000);

describe('deploy benchmark workspaces', () => {
  let baseDir: string;
  beforeEach(() => {
    baseDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-deploy-smoke-'));
  });
  afterEach(() => fs.rmSync(baseDir, { recursive: true, force: true }));

  it('packages every generated source file and leaves the ignored ones out', async () => {
    generatePackagingWorkspace(baseDir, 200);
    const pkg = await buildCodePackage(baseDir);
    // 199 modules + README.md + .gitignore; the __pycache__ files are ignored.
    expect(pkg.fileCount).toBe(201);
    expect(pkg.manifest.files.some((file) => file.relative_path.includes('__pycache__'))).toBe(false);
  });

  it('generates a manifest with one job per module, chained by follow-ups, plus the dashboard', async () => {
    const files = generateJobsWorkspace(baseDir, 7);
    expect(files).toHaveLength(8);
    const { manifest } = await generateManifest(baseDir);
    expect(manifest.jobs).toHaveLength(8);
    expect(manifest.jobs[1]?.triggers).toEqual(['job.success:jobs.job_0.job_0']);
    expect(manifest.jobs[3]?.triggers).toEqual(['schedule:3 * * * *']);
  });
});

describe('remote run benchmark setup', () => {
  let baseDir: string;
  beforeEach(() => {
    baseDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-remote-smoke-'));
  });
  afterEach(() => fs.rmSync(baseDir, { recursive: true, force: true }));

  it('writes a workspace whose hello.py prints one line under plain python3', () => {
    generateHelloWorkspace(baseDir);
    expect(fs.readFileSync(path.join(baseDir, '.dlt', '.workspace'), 'utf8')).toBe('');
    expect(execFileSync('python3', ['hello.py'], { cwd: baseDir }).toString()).toBe('hello\n');
  });

  it('writes a deployable workspace whose one job is hello.py', async () => {
    generateDeployableWorkspace(baseDir);
    const { manifest } = await generateManifest(baseDir);
    expect(manifest.jobs.map((job) => job.job_ref)).toContain('jobs.hello');
  });

  it('seeds a control plane the API key authenticates against, with the bench workspace', async () => {
    expect(SeedSchema.parse(remoteRunSeed()).organizations[0]?.workspaces?.[0]?.name).toBe(BENCH_WORKSPACE);
    const plane = await startRemoteRunPlane(baseDir);
    try {
      expect(plane.env['RUNTIME__API_BASE_URL']).toBe(plane.url);
      const orgId = await benchOrgId(plane.url);
      const workspaces = await getWithApiKey(`${plane.url}/api/v1/organizations/${orgId}/workspaces`);
      expect(workspaces.status).toBe(200);
      for (const name of [BENCH_WORKSPACE, ...Object.values(DEPLOY_WORKSPACES)])
        expect(JSON.stringify(workspaces.body)).toContain(`"${name}"`);
    } finally {
      await plane.stop();
    }
  });
});
