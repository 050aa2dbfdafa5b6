import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { DeployManifestRequestSchema, type DeployManifestRequest, type JobDefinitionInput } from '@dlthub/api-schema';
import { demoSeed, tempDir } from './__fixtures__/harness';
import { deploymentTarball, findDeployment, saveDeployment } from './deployments/deployment-records';
import { reconcileManifest } from './deployments/jobs';
import { appendRunLogs, createRun, failInterruptedRuns, updateRun } from './runs/run-records';
import { applySeed } from './seed';
import { openStore } from './store/open';
import type { Store } from './store/types';
import { startTestPostgres, type TestPostgres } from './testing/postgres';

jest.setTimeout(120_000);

const batch = (ref: string, extra: Partial<JobDefinitionInput> = {}): JobDefinitionInput => ({
  job_ref: ref,
  entry_point: { module: ref.split('.')[1]!, function: null, job_type: 'batch', launcher: 'x.module' },
  triggers: [],
  execute: {},
  ...extra,
});
const manifest = (request: DeployManifestRequest) => DeployManifestRequestSchema.parse(request);
const at = (second: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, second));

/** The same behaviour on both databases: each case opens its own fresh store. */
describe.each(['sqlite', 'postgres'] as const)('deployment, job and run records on %s', (kind) => {
  let postgres: TestPostgres | undefined;
  let cleanup: () => void;
  let dir: string;
  let store: Store;
  let workspaceId: string;
  let otherWorkspaceId: string;
  let aliceId: string;
  let count = 0;

  beforeAll(async () => {
    ({ dir, cleanup } = tempDir(`cp-deploy-${kind}-`));
    if (kind === 'postgres') postgres = await startTestPostgres();
  });
  afterAll(async () => {
    await postgres?.stop();
    cleanup();
  });
  beforeEach(async () => {
    count += 1;
    if (postgres) {
      const keyFile = join(dir, 'key');
      writeFileSync(keyFile, Buffer.alloc(32, 3).toString('base64'), { mode: 0o600 });
      store = await openStore({
        databaseUrl: await postgres.createDatabase(`deploy_${count}`),
        secretsKeyFile: keyFile,
      });
    } else {
      store = await openStore({ dataDir: join(dir, `data-${count}`) });
    }
    await applySeed(store, demoSeed, at(0));
    ({ workspaceId, otherWorkspaceId, aliceId } = await store.read(async (tx) => ({
      workspaceId: (await tx.find('workspaces', { name: 'marketing' }))!.id,
      otherWorkspaceId: (await tx.find('workspaces', { name: 'sandbox' }))!.id,
      aliceId: (await tx.find('users', { username: 'alice' }))!.id,
    })));
  });
  afterEach(() => store.close());

  const upload = (hash: string, bytes: string, workspace = workspaceId) =>
    store.write((tx) =>
      saveDeployment(tx, {
        workspaceId: workspace,
        contentHash: hash,
        files: [{ relative_path: 'a.py', size_in_bytes: 1, sha3_256: hash }],
        tarball: Buffer.from(bytes),
        createdBy: aliceId,
        now: at(1),
      }),
    );

  it('versions code packages per workspace and dedupes an upload equal to the latest', async () => {
    const first = await upload('h1', 'one');
    expect(first).toMatchObject({ created: true, record: { version: 1, file_count: 1, size: 3 } });
    expect(await upload('h1', 'one again')).toEqual({ created: false, record: first.record });
    const second = await upload('h2', 'two');
    expect(second.record.version).toBe(2);
    // Going back to older content is a new version: only the latest is compared.
    expect((await upload('h1', 'one')).record.version).toBe(3);
    expect((await upload('h1', 'other ws', otherWorkspaceId)).record.version).toBe(1);
    await store.read(async (tx) => {
      expect((await findDeployment(tx, workspaceId, 'latest')).version).toBe(3);
      expect((await findDeployment(tx, workspaceId, '2')).id).toBe(second.record.id);
      expect((await findDeployment(tx, workspaceId, second.record.id)).version).toBe(2);
      expect((await deploymentTarball(tx, second.record.id)).toString()).toBe('two');
      await expect(findDeployment(tx, otherWorkspaceId, second.record.id)).rejects.toThrow('not found');
      await expect(findDeployment(tx, workspaceId, '9')).rejects.toThrow('Deployment 9 not found');
    });
  });

  it('reconciles manifests into jobs: added, updated, unchanged, archived; dry runs and ad-hoc manifests archive nothing', async () => {
    const reconcile = (request: DeployManifestRequest) =>
      store.write((tx) => reconcileManifest(tx, workspaceId, manifest(request), at(2)));
    const first = await reconcile({ jobs: [batch('jobs.a'), batch('jobs.b')] });
    expect(first).toMatchObject({ added: ['jobs.a', 'jobs.b'], updated: [], unchanged: [], archived: [] });
    expect(first.warnings[0]).toContain('no deployment yet');
    const plan = await reconcile({ jobs: [batch('jobs.a', { triggers: ['every:5m'] })], dry_run: true });
    expect(plan).toMatchObject({ dry_run: true, updated: [{ job_ref: 'jobs.a', previous_version: 1, version: 2 }] });
    expect(plan.archived).toEqual(['jobs.b']);
    const adHoc = await reconcile({ jobs: [batch('jobs.c')], deployment_module: null });
    expect(adHoc).toMatchObject({ added: ['jobs.c'], archived: [] });
    const second = await reconcile({ jobs: [batch('jobs.a', { triggers: ['every:5m'] }), batch('jobs.c')] });
    expect(second).toMatchObject({
      added: [],
      updated: [{ job_ref: 'jobs.a', previous_version: 1, version: 2 }],
      unchanged: ['jobs.c'],
      archived: ['jobs.b'],
    });
    // An archived job that comes back unchanged is active again without a new version.
    const back = await reconcile({
      jobs: [batch('jobs.a', { triggers: ['every:5m'] }), batch('jobs.b'), batch('jobs.c')],
    });
    expect(back).toMatchObject({ updated: [{ job_ref: 'jobs.b', previous_version: 1, version: 1 }], archived: [] });
    await store.read(async (tx) => {
      const jobs = await tx.list('jobs', { workspace_id: workspaceId });
      expect(jobs.map((job) => [job.name, job.active])).toEqual([
        ['jobs.a', true],
        ['jobs.b', true],
        ['jobs.c', true],
      ]);
      const a = jobs[0]!;
      expect((await tx.list('job_versions', { job_id: a.id })).map((v) => v.definition.triggers)).toEqual([
        [],
        ['every:5m'],
      ]);
    });
  });

  it('numbers runs per job, enforces execute.concurrency, keeps terminal runs as they are, and pages logs', async () => {
    await upload('h1', 'code');
    await store.write((tx) =>
      reconcileManifest(
        tx,
        workspaceId,
        manifest({ jobs: [batch('jobs.a', { execute: { concurrency: 2 } }), batch('jobs.b')] }),
        at(2),
      ),
    );
    const trigger = (ref: string) =>
      store.write(async (tx) =>
        createRun(tx, (await tx.find('jobs', { workspace_id: workspaceId, name: ref }))!, {
          triggeredBy: aliceId,
          now: at(3),
        }),
      );
    const [a1, a2, a3, b1] = [
      await trigger('jobs.a'),
      await trigger('jobs.a'),
      await trigger('jobs.a'),
      await trigger('jobs.b'),
    ];
    expect(a1).toMatchObject({ kind: 'created', run: { number: 1, status: 'pending', trigger: 'manual:jobs.a' } });
    expect(a2).toMatchObject({ kind: 'created', run: { number: 2 } });
    expect(a3).toEqual({
      kind: 'skipped',
      trigger: 'manual:jobs.a',
      reasons: ['jobs.a allows 2 active run(s) (execute.concurrency) and has 2: #1, #2.'],
    });
    expect(b1).toMatchObject({ kind: 'created', run: { number: 1 } });
    if (a1.kind !== 'created' || a2.kind !== 'created') throw new Error('runs were not created');
    await store.write((tx) => updateRun(tx, a1.run.id, { status: 'completed', time_ended: at(4).toISOString() }));
    // A terminal run never changes again; a freed slot lets the next run in with the next number.
    expect(await store.write((tx) => updateRun(tx, a1.run.id, { status: 'failed' }))).toMatchObject({
      status: 'completed',
    });
    expect(await trigger('jobs.a')).toMatchObject({ kind: 'created', run: { number: 3 } });
    const lines = Array.from({ length: 5 }, (_, i) => ({
      run_id: a2.run.id,
      line_num: i + 1,
      phase: 'program' as const,
      stream: 'stdout' as const,
      content: `line ${i + 1}`,
      reported_at: at(5).toISOString(),
    }));
    await store.write((tx) => appendRunLogs(tx, lines));
    await store.read(async (tx) => {
      expect(await tx.count('run_logs', { run_id: a2.run.id })).toBe(5);
      const page = await tx.list('run_logs', { run_id: a2.run.id }, { by: 'line_num', limit: 2, offset: 2 });
      expect(page.map((line) => line.content)).toEqual(['line 3', 'line 4']);
    });
    await expect(store.write((tx) => appendRunLogs(tx, [lines[0]!]))).rejects.toThrow();
    // Restart: whatever was still active is failed with the reason; completed runs stay completed.
    await store.write((tx) => updateRun(tx, a2.run.id, { status: 'running', time_started: at(5).toISOString() }));
    const failed = await store.write((tx) => failInterruptedRuns(tx, at(7)));
    expect(failed.map((run) => [run.id === a2.run.id, run.status, run.duration]).find(([mine]) => mine)).toEqual([
      true,
      'failed',
      2,
    ]);
    await store.read(async (tx) => {
      const runs = await tx.list('runs', { workspace_id: workspaceId });
      expect(runs.map((run) => run.status)).toEqual(['completed', 'failed', 'failed', 'failed']);
      expect((await tx.find('runs', { id: a2.run.id }))!.reason).toBe(
        'The control plane stopped while the run was running; it did not finish.',
      );
    });
  });

  it('refuses to run an archived job or a workspace without code', async () => {
    await store.write((tx) => reconcileManifest(tx, workspaceId, manifest({ jobs: [batch('jobs.a')] }), at(2)));
    const job = await store.read(async (tx) => (await tx.find('jobs', { workspace_id: workspaceId, name: 'jobs.a' }))!);
    await expect(store.write((tx) => createRun(tx, job, { triggeredBy: aliceId, now: at(3) }))).rejects.toThrow(
      'has no deployment yet',
    );
    await upload('h1', 'code');
    await store.write((tx) => reconcileManifest(tx, workspaceId, manifest({ jobs: [] }), at(2)));
    const archived = await store.read(async (tx) => (await tx.find('jobs', { id: job.id }))!);
    await expect(store.write((tx) => createRun(tx, archived, { triggeredBy: aliceId, now: at(3) }))).rejects.toThrow(
      'Job jobs.a is archived',
    );
    expect(await store.read((tx) => tx.count('runs'))).toBe(0);
  });
});
