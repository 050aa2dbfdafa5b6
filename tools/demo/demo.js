#!/usr/bin/env node
/**
 * `npm run demo`: the whole dltHub path on the local control plane, with the real binaries.
 *
 *  1. start the local control plane (port 0, temp data dir, a seed with one user and two orgs)
 *  2. scaffold a workspace with `dlthub init` and named destinations for dev / prod / access
 *  3. log in by device flow (`dlthub login --no-browser`), approving the code on the page over HTTP
 *  4. connect the repository to `demo-workspace`, sync the synced profiles, show what went and what stayed
 *  5. deploy two plain-python jobs (no dlt needed: `python -m <module>`), the second a `job.success` follow-up of
 *     the first; `deploy --show-manifest`, `deploy`, `job list`
 *  6. `run <job> -f` streams the first job's log lines; the scheduler then runs the follow-up, and both runs must
 *     end `completed` (read with `job runs list --json`)
 *  7. serve a decorated interactive job: `deploy`, `serve <job>` prints the app's URL, the page is fetched over
 *     HTTP; `job cancel <job> --dry-run` lists the active run, `job runs cancel` stops it, it ends `cancelled`
 *  8. the same workspace, locally: config get, a masked secret, the profiles
 *  9. add a pipeline from the bundled sql_database core source, with the dependency it adds
 * 10. shut everything down and clean up
 *
 * Decorated jobs import `dlt.hub.run`. Where dlt is not installed, the control plane's runs get the runner's
 * minimal stand-in of that decorator surface on PYTHONPATH (the same files the tests use), and the demo says so.
 *
 * Needs the packages built (the npm script builds them). No network beyond 127.0.0.1. Exits non-zero
 * if any step fails. Every secret used here is checked to never appear in any command's output.
 */
'use strict';

const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const repoRoot = path.resolve(__dirname, '..', '..');
const cliBin = path.join(repoRoot, 'packages', 'cli', 'bin', 'dlthub.js');
const runnerFixtures = path.join(repoRoot, 'packages', 'runner', 'test', 'fixtures');
/** A minimal `dlt.hub.run` (the decorators only) for machines without dlt; the runner's and CLI's tests use it too. */
const dltStandIn = path.join(runnerFixtures, 'dlt-stand-in');
/** A decorated interactive job that serves one HTML page on the port the runner gives it. */
const dashboardApp = path.join(runnerFixtures, 'dashboard_app.py');

/** Demo-only credentials: they go into the prod/access secrets and must never be printed. */
const demoSecrets = {
  prod: 'md-demo-prod-token-3f9a2c7e1b5d8a4f',
  access: 'md-demo-readonly-token-8c1e4a7f2d9b6e3a',
};

const seed = {
  users: [{ username: 'ada', email: 'ada@example.test', name: 'Ada Lovelace' }],
  organizations: [
    {
      name: 'demo-org',
      members: [{ username: 'ada', role: 'owner' }],
      workspaces: [
        { name: 'demo-workspace', description: 'Workspace of the npm run demo' },
        { name: 'analytics', jobs: ['daily_load'] },
      ],
    },
    { name: 'ada-personal', members: [{ username: 'ada', role: 'owner' }], workspaces: [{ name: 'scratch' }] },
  ],
};

const captured = [];
let stepNumber = 0;

function step(title) {
  stepNumber += 1;
  process.stdout.write(`\n=== Step ${stepNumber}: ${title}\n`);
}

function say(text) {
  process.stdout.write(`${text}\n`);
}

/** Prints a child's output indented under the command line, so it reads as a transcript. */
function show(stream, text) {
  const body = text.replace(/\n$/, '');
  if (body)
    stream.write(
      `${body
        .split('\n')
        .map((line) => `    │ ${line}`)
        .join('\n')}\n`,
    );
}

class DemoError extends Error {}

function startCli(args, { cwd, env }) {
  say(`  $ dlthub ${args.join(' ')}`);
  const child = spawn(process.execPath, [cliBin, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const listeners = [];
  child.stdout.on('data', (chunk) => {
    stdout += chunk;
    show(process.stdout, chunk.toString());
  });
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
    // The child's messages go to our stdout too, so the transcript stays in order however it is captured.
    show(process.stdout, chunk.toString());
    for (const listener of listeners) listener(stderr);
  });
  const done = new Promise((resolve) =>
    child.once('close', (code) => {
      captured.push(stdout, stderr);
      resolve({ code, stdout, stderr });
    }),
  );
  const waitForStderr = (pattern) =>
    new Promise((resolve, reject) => {
      const check = (text) => {
        const match = text.match(pattern);
        if (match) resolve(match);
        return Boolean(match);
      };
      if (check(stderr)) return;
      listeners.push(check);
      done.then((result) =>
        reject(new DemoError(`dlthub ${args.join(' ')} exited (${result.code}) before printing ${pattern}`)),
      );
    });
  return { child, done, waitForStderr };
}

async function cli(args, options, { quiet = false } = {}) {
  const run = quiet
    ? (() => {
        const child = spawnSync(process.execPath, [cliBin, ...args], {
          cwd: options.cwd,
          env: options.env,
          encoding: 'utf8',
        });
        captured.push(child.stdout, child.stderr);
        return Promise.resolve({ code: child.status, stdout: child.stdout, stderr: child.stderr });
      })()
    : startCli(args, options).done;
  const result = await run;
  if (result.code !== 0)
    throw new DemoError(
      `\`dlthub ${args.join(' ')}\` failed with exit code ${result.code}${quiet ? `:\n${result.stderr}` : ''}`,
    );
  return result;
}

/**
 * The environment the control plane (and so every run it starts) gets: as is when `python3` can import
 * `dlt.hub.run`, else with the stand-in first on PYTHONPATH.
 */
function environmentForRuns() {
  if (spawnSync('python3', ['-c', 'import dlt.hub.run'], { stdio: 'ignore' }).status === 0) {
    say('  python3 imports dlt.hub.run: jobs run with the installed dlt');
    return process.env;
  }
  say(
    `  dlt is not installed here, so the demo puts the minimal dlt.hub.run stand-in ` +
      `(${path.relative(repoRoot, dltStandIn)}) on PYTHONPATH for the control plane's runner`,
  );
  const pythonPath = [dltStandIn, process.env.PYTHONPATH].filter(Boolean).join(path.delimiter);
  return { ...process.env, PYTHONPATH: pythonPath };
}

async function startControlPlane(dataDir, seedFile) {
  const { spawnControlPlane } = require('@dlthub/control-plane');
  const args = [
    '--port',
    '0',
    '--host',
    '127.0.0.1',
    '--data-dir',
    dataDir,
    '--seed',
    seedFile,
    '--poll-interval',
    '1',
    '--quiet',
  ];
  // The username-only demo sign-in (loopback only) stands in for GitHub sign-in here.
  const spawned = await spawnControlPlane({ args, env: environmentForRuns(), demoSignIn: true }).catch((error) => {
    throw new DemoError(`the control plane did not start: ${error.message}`);
  });
  return {
    url: spawned.url,
    stop: async () => {
      await spawned.stop();
      const { stdout, stderr } = spawned.output();
      captured.push(stdout, stderr);
    },
  };
}

/** What a person does in the browser: open the page, sign in, type the code, press Approve. */
async function approveLikeAUser(baseUrl, username, userCode) {
  const open = await fetch(`${baseUrl}/device`, { redirect: 'manual' });
  say(`  browser: GET /device → ${open.status} (redirect to ${open.headers.get('location')})`);
  const { demoDecide } = require('@dlthub/control-plane');
  const decision = await demoDecide(baseUrl, username, userCode, 'approve').catch((error) => {
    throw new DemoError(error.message);
  });
  say(`  browser: signed in as ${username} (demo sign-in form with its CSRF token, session cookie set)`);
  const html = decision.html;
  const result = /<p id="result">([^<]*)<\/p>/.exec(html);
  if (decision.status !== 200 || !result) throw new DemoError(`approving ${userCode} failed (${decision.status})`);
  say(`  browser: entered ${userCode}, pressed Approve → "${result[1]}"`);
}

function fillSecrets(file, values) {
  let text = fs.readFileSync(file, 'utf8');
  for (const [key, value] of Object.entries(values))
    text = text.replace(new RegExp(`^${key} = "<configure me>"$`, 'm'), `${key} = "${value}"`);
  fs.writeFileSync(file, text, { mode: 0o600 });
}

function hasGit() {
  return spawnSync('git', ['--version'], { stdio: 'ignore' }).status === 0;
}

async function main() {
  const started = Date.now();
  const base = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'dlthub-demo-')));
  const workspaceDir = path.join(base, 'shop');
  const globalDir = path.join(base, 'global');
  fs.mkdirSync(workspaceDir);
  fs.mkdirSync(globalDir);
  let plane;
  try {
    step('start the local control plane');
    const seedFile = path.join(base, 'seed.json');
    fs.writeFileSync(seedFile, JSON.stringify(seed, null, 2));
    plane = await startControlPlane(path.join(base, 'control-plane-data'), seedFile);
    const url = plane.url;
    say(`  dlthub-control-plane --port 0 --data-dir <tmp> --seed seed.json → listening on ${url}`);
    say('  seeded: user ada; organizations demo-org (demo-workspace, analytics) and ada-personal (scratch)');

    // A clean environment: the CLI sees only the local control plane and a sandboxed global dir.
    const env = {
      PATH: process.env.PATH || '',
      HOME: base,
      DLTHUB_GLOBAL_DIR: globalDir,
      RUNTIME__API_BASE_URL: url,
      NO_COLOR: '1',
    };
    const options = { cwd: workspaceDir, env };

    step('scaffold a workspace');
    if (hasGit()) {
      spawnSync('git', ['init', '-q'], { cwd: workspaceDir });
      spawnSync('git', ['remote', 'add', 'origin', 'git@github.com:demo/shop.git'], { cwd: workspaceDir });
      say(`  git repository in ${workspaceDir} (origin git@github.com:demo/shop.git)`);
    } else {
      say('  (git not found: the workspace directory itself identifies the repository)');
    }
    await cli(['init', '--name', 'shop'], options);
    await cli(['destination', 'add', 'warehouse', '--type', 'duckdb', '--profile', 'dev'], options);
    await cli(
      ['destination', 'add', 'warehouse', '--type', 'motherduck', '--profile', 'prod', '--profile', 'access'],
      options,
    );
    fillSecrets(path.join(workspaceDir, '.dlt', 'prod.secrets.toml'), { database: 'shop', password: demoSecrets.prod });
    fillSecrets(path.join(workspaceDir, '.dlt', 'access.secrets.toml'), {
      database: 'shop',
      password: demoSecrets.access,
    });
    say('  filled .dlt/prod.secrets.toml and .dlt/access.secrets.toml with demo MotherDuck credentials');
    fs.mkdirSync(path.join(workspaceDir, 'jobs'));
    fs.writeFileSync(
      path.join(workspaceDir, 'jobs', 'report.py'),
      'from dlt.hub import run\n\n\n@run.job(require={"profile": "reporting"})\ndef weekly_report():\n    ...\n',
    );
    fs.writeFileSync(
      path.join(workspaceDir, '.dlt', 'reporting.config.toml'),
      '[destination.warehouse]\ndestination_type = "motherduck"\n',
    );
    say('  wrote jobs/report.py, a job that requires the custom profile "reporting", and .dlt/reporting.config.toml');

    step('log in by device flow');
    const login = startCli(['login', '--no-browser'], options);
    const [, userCode] = await login.waitForStderr(/one-time code: ([A-Z0-9-]+)/);
    await login.waitForStderr(/Waiting for approval/);
    await approveLikeAUser(url, 'ada', userCode);
    const loggedIn = await login.done;
    if (loggedIn.code !== 0) throw new DemoError(`dlthub login failed with exit code ${loggedIn.code}`);
    await cli(['auth', 'status'], options);

    step('connect this repository to demo-workspace');
    await cli(['workspace', 'list'], options);
    const listed = JSON.parse((await cli(['workspace', 'list', '--json'], options, { quiet: true })).stdout);
    const demoOrg = listed.organizations.find((org) => org.name === 'demo-org');
    await cli(['workspace', 'connect', 'demo-workspace', '--org-id', demoOrg.id], options);
    await cli(['workspace', 'info'], options);

    step('sync the configuration');
    await cli(['configuration', 'sync', '--dry-run'], options);
    await cli(['configuration', 'sync'], options);
    const check = JSON.parse(
      (await cli(['configuration', 'sync', '--dry-run', '--json'], options, { quiet: true })).stdout,
    );
    const synced = check.files.map((file) => file.path);
    const local = check.not_synced.map((entry) => entry.path);
    if (!check.remote_unchanged) throw new DemoError('the remote configuration does not match what was just synced');
    if (
      check.profiles.some((name) => name === 'dev' || name === 'tests') ||
      synced.some((file) => /\/(dev|tests)\./.test(file))
    ) {
      throw new DemoError('a local profile (dev/tests) was synced');
    }
    say(
      `  synced profiles: ${check.profiles.join(', ')} (version ${check.version}, ${check.content_hash.slice(0, 19)}…)`,
    );
    say(`  uploaded files: ${synced.join(', ')}`);
    say(`  stayed local:   ${local.join(', ')} (dev is never uploaded)`);

    await deployAndRunJobs(options);
    await serveInteractiveJob(options);

    step('the same workspace, locally');
    await cli(['config', 'get', 'destination.warehouse.destination_type'], options);
    await cli(
      ['--profile', 'prod', 'config', 'get', 'destination.warehouse.credentials.password', '--secret'],
      options,
    );
    await cli(['profile', 'list'], options);

    step('add a pipeline from a bundled dlt core source');
    await cli(['pipeline', 'init', 'sql_database', 'warehouse'], options);
    const dependencyFile = ['pyproject.toml', 'requirements.txt'].find((file) =>
      fs.existsSync(path.join(workspaceDir, file)),
    );
    const dltLine = fs
      .readFileSync(path.join(workspaceDir, dependencyFile), 'utf8')
      .split('\n')
      .find((line) => /^\s*"?dlt\[/.test(line));
    if (!dltLine || !dltLine.includes('sql_database')) {
      throw new DemoError(`${dependencyFile} did not get the sql_database extra`);
    }
    say(`  ${dependencyFile}: ${dltLine.trim().replace(/^"|",?$/g, '')} (the destinations' and the source's extras)`);

    const leaked = [...Object.values(demoSecrets), ...readStoredToken(globalDir)].filter((secret) =>
      captured.some((text) => text.includes(secret)),
    );
    if (leaked.length > 0) throw new DemoError(`${leaked.length} secret value(s) appeared in command output`);
    step('done');
    say(
      `  the whole path ran in ${((Date.now() - started) / 1000).toFixed(1)} s; no token or secret appeared in any output`,
    );
  } finally {
    if (plane) await plane.stop();
    fs.rmSync(base, { recursive: true, force: true });
    say('  control plane stopped, temp files removed');
  }
}

/**
 * Plain Python modules, so the control plane runs them with `python3` alone (no dlt needed): a module listed in
 * `__all__` of `__deployment__.py` is a batch job run as `python -m <module>`, and its `__trigger__` adds a trigger.
 */
const deployableJobs = {
  '__deployment__.py':
    '"""Shop jobs: extract the orders, then summarize them."""\n\nimport extract_orders\nimport summarize_orders\n\n' +
    '__all__ = ["extract_orders", "summarize_orders"]\n',
  'extract_orders.py':
    '"""Extract the day\'s orders."""\n\nif __name__ == "__main__":\n' +
    '    for order in ("A-1001", "A-1002", "A-1003"):\n        print(f"extracted order {order}")\n' +
    '    print("3 orders extracted")\n',
  'summarize_orders.py':
    '"""Summarize the orders once they are extracted."""\n\n__trigger__ = "job.success:jobs.extract_orders"\n\n' +
    'if __name__ == "__main__":\n    print("summary: 3 orders, 0 refunds")\n',
};

const TERMINAL = new Set(['completed', 'failed', 'cancelled']);

/** Polls `dlthub job runs list <job> --json` until the job has a run that ended (the scheduler fires follow-ups). */
async function waitForEndedRun(job, options, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const listed = JSON.parse((await cli(['job', 'runs', 'list', job, '--json'], options, { quiet: true })).stdout);
    const runs = listed.runs;
    const ended = runs.find((run) => TERMINAL.has(run.status));
    if (ended) return ended;
    if (Date.now() > deadline) throw new DemoError(`no run of ${job} ended within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

async function deployAndRunJobs(options) {
  step('deploy jobs: a batch job and its follow-up');
  for (const [file, text] of Object.entries(deployableJobs)) fs.writeFileSync(path.join(options.cwd, file), text);
  say(`  wrote ${Object.keys(deployableJobs).join(', ')} (plain python modules: no dlt needed to run them)`);
  await cli(['deploy', '--show-manifest'], options);
  await cli(['deploy'], options);
  await cli(['job', 'list'], options);

  step('run the batch job and follow its logs; the follow-up runs after it');
  const ran = await cli(['run', 'extract_orders', '-f'], options);
  if (!ran.stdout.includes('3 orders extracted')) throw new DemoError('the log lines of extract_orders did not appear');
  const upstream = await waitForEndedRun('extract_orders', options);
  const followUp = await waitForEndedRun('summarize_orders', options);
  await cli(['job', 'runs', 'list', 'summarize_orders'], options);
  await cli(['job', 'logs', 'summarize_orders'], options);
  for (const [job, run] of [
    ['extract_orders', upstream],
    ['summarize_orders', followUp],
  ]) {
    if (run.status !== 'completed') throw new DemoError(`${job} run #${run.number} ended ${run.status}`);
  }
  say(
    `  extract_orders run #${upstream.number}: ${upstream.status}; summarize_orders run #${followUp.number}: ` +
      `${followUp.status} (trigger ${followUp.trigger})`,
  );
}

async function serveInteractiveJob(options) {
  step('serve an interactive job and fetch its page');
  fs.copyFileSync(dashboardApp, path.join(options.cwd, 'dashboard.py'));
  fs.writeFileSync(
    path.join(options.cwd, '__deployment__.py'),
    deployableJobs['__deployment__.py']
      .replace('import summarize_orders\n', 'import summarize_orders\nfrom dashboard import dashboard\n')
      .replace('"summarize_orders"]', '"summarize_orders", "dashboard"]'),
  );
  say('  wrote dashboard.py (an @run.interactive job serving one HTML page) and added it to __deployment__.py');
  await cli(['deploy'], options);
  // `section.name`: a bare `dashboard` would also match the workspace dashboard every deploy adds.
  const served = await cli(['serve', 'dashboard.dashboard'], options);
  const [, jobRef, appUrl] = /(\S+) is serving at (\S+)/.exec(served.stderr) || [];
  if (!appUrl) throw new DemoError('`dlthub serve dashboard.dashboard` printed no URL the app serves at');
  const page = await fetch(appUrl);
  const html = await page.text();
  const title = (/<h1>([^<]*)<\/h1>/.exec(html) || [])[1];
  say(`  GET ${appUrl} → ${page.status}, first line: ${html.split('\n')[0]}`);
  if (page.status !== 200 || !title) throw new DemoError(`the app at ${appUrl} did not answer with its page`);
  say(`  the app's title: "${title}"`);

  // The bulk cancel's dry run lists what is active and stops nothing; the single-run cancel stops the app.
  await cli(['job', 'cancel', jobRef, '--dry-run'], options);
  await cli(['job', 'runs', 'cancel', jobRef], options);
  await cli(['job', 'runs', 'info', jobRef], options);
  const ended = JSON.parse((await cli(['job', 'runs', 'info', jobRef, '--json'], options, { quiet: true })).stdout);
  if (ended.status !== 'cancelled') throw new DemoError(`${jobRef} run #${ended.number} ended ${ended.status}`);
  await cli(['job', 'cancel', jobRef], options);
  const stopped = await fetch(appUrl).then(
    () => false,
    () => true,
  );
  if (!stopped) throw new DemoError(`${appUrl} still answers after the run was cancelled`);
  say(`  ${jobRef} run #${ended.number}: ${ended.status}; ${appUrl} no longer answers`);
}

function readStoredToken(globalDir) {
  try {
    const match = /auth_token = "([^"]+)"/.exec(fs.readFileSync(path.join(globalDir, 'secrets.toml'), 'utf8'));
    return match ? [match[1]] : [];
  } catch {
    return [];
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`\ndemo failed: ${error instanceof DemoError ? error.message : error.stack || error}\n`);
    process.exit(1);
  },
);
