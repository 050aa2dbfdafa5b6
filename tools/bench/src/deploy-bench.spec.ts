/** Smoke check of the deploy benchmark's generators (the benchmark itself runs with `npm run bench -- deploy`). */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildCodePackage, generateManifest } from '@dlthub/deployment';
import { generateJobsWorkspace, generatePackagingWorkspace } from './deploy-bench';

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
    expect(manifest.jobs[1].triggers).toEqual(['job.success:jobs.job_0.job_0']);
    expect(manifest.jobs[3].triggers).toEqual(['schedule:3 * * * *']);
  });
});
