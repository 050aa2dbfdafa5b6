import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { CreateNodesContext } from '@nx/devkit';
import { parse } from 'smol-toml';
import { createNodes, createNodesV2, workspaceNameFromToml, type DlthubPluginOptions } from './plugin';

describe('createNodesV2 inference', () => {
  let root: string;
  let context: CreateNodesContext;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'dlthub-nx-infer-'));
    context = { workspaceRoot: root, nxJsonConfiguration: {} };
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  function write(relative: string, content: string): void {
    mkdirSync(dirname(join(root, relative)), { recursive: true });
    writeFileSync(join(root, relative), content);
  }

  async function infer(markers: string[], options?: DlthubPluginOptions) {
    const [glob, fn] = createNodesV2;
    expect(glob).toBe('**/.dlt/.workspace');
    return fn(markers, options, context);
  }

  it('exports the same value as createNodes and createNodesV2', () => {
    expect(createNodes).toBe(createNodesV2);
  });

  it('names the project from [workspace.settings] name and runs the CLI in the workspace dir', async () => {
    write('apps/analytics/.dlt/.workspace', '');
    write('apps/analytics/.dlt/config.toml', '# my settings\n[workspace.settings]\nname = "sales_lake"\n');
    const [[file, result]] = await infer(['apps/analytics/.dlt/.workspace']);
    expect(file).toBe('apps/analytics/.dlt/.workspace');
    const project = result.projects?.['apps/analytics'];
    expect(project?.name).toBe('sales_lake');
    expect(Object.keys(project?.targets ?? {})).toEqual(['dlthub-info', 'dlthub-validate', 'dlthub-sync']);
    expect(project?.targets?.['dlthub-info']).toMatchObject({
      executor: 'nx:run-commands',
      options: { command: 'dlthub local info', cwd: 'apps/analytics' },
      cache: true,
    });
    expect(project?.targets?.['dlthub-validate']?.options).toEqual({
      command: 'dlthub config validate',
      cwd: 'apps/analytics',
    });
    expect(project?.targets?.['dlthub-sync']).toMatchObject({
      options: { command: 'dlthub configuration sync', cwd: 'apps/analytics' },
      cache: false,
    });
    expect(project?.targets?.['dlthub-sync']?.inputs).toBeUndefined();
  });

  it('caches on the non-secret TOML files only, through a named input of the project', async () => {
    write('ws/.dlt/.workspace', '');
    const [[, result]] = await infer(['ws/.dlt/.workspace']);
    const project = result.projects?.ws;
    expect(project?.targets?.['dlthub-validate']?.inputs).toEqual(['dlthubConfig']);
    expect(project?.targets?.['dlthub-info']?.inputs).toEqual(['dlthubConfig']);
    const inputs = project?.namedInputs?.dlthubConfig ?? [];
    const globs = inputs.filter((input): input is string => typeof input === 'string');
    expect(globs).toEqual(
      expect.arrayContaining(['{projectRoot}/.dlt/config.toml', '{projectRoot}/.dlt/*.config.toml']),
    );
    expect(globs.some((input) => input.includes('secrets'))).toBe(false);
  });

  it('falls back to the folder name without config.toml, without a name, or with malformed TOML', async () => {
    write('a/.dlt/.workspace', '');
    write('b/.dlt/.workspace', '');
    write('b/.dlt/config.toml', '[runtime]\nlog_level = "INFO"\n');
    write('c/.dlt/.workspace', '');
    write('c/.dlt/config.toml', '[workspace.settings\nname = "broken"\n');
    const results = await infer(['a/.dlt/.workspace', 'b/.dlt/.workspace', 'c/.dlt/.workspace']);
    expect(results.map(([, result]) => Object.values(result.projects ?? {})[0]?.name)).toEqual(['a', 'b', 'c']);
  });

  it('puts a workspace at the repository root on project root "."', async () => {
    write('.dlt/.workspace', '');
    write('.dlt/config.toml', '[workspace.settings]\nname = "root_ws"\n');
    const [[, result]] = await infer(['.dlt/.workspace']);
    expect(result.projects?.['.']?.name).toBe('root_ws');
    expect(result.projects?.['.']?.targets?.['dlthub-info']?.options.cwd).toBe('.');
  });

  it('renames and disables targets through options', async () => {
    write('ws/.dlt/.workspace', '');
    const [[, result]] = await infer(['ws/.dlt/.workspace'], {
      infoTargetName: 'info',
      validateTargetName: false,
      syncTargetName: 'upload',
    });
    expect(Object.keys(result.projects?.ws?.targets ?? {})).toEqual(['info', 'upload']);
  });

  it('rejects an empty target name with a message naming the option', async () => {
    write('ws/.dlt/.workspace', '');
    await expect(infer(['ws/.dlt/.workspace'], { syncTargetName: '' })).rejects.toThrow(
      /plugin option "syncTargetName" in nx.json must be a non-empty target name or false/,
    );
  });

  it('names workspaces that share a name by their root, so the graph still builds', async () => {
    for (const root of ['gen/sales', 'cli/sales', 'other']) {
      write(`${root}/.dlt/.workspace`, '');
      write(`${root}/.dlt/config.toml`, `[workspace.settings]\nname = "${root === 'other' ? 'other_ws' : 'sales'}"\n`);
    }
    const results = await infer(['gen/sales/.dlt/.workspace', 'cli/sales/.dlt/.workspace', 'other/.dlt/.workspace']);
    expect(results.map(([, result]) => Object.values(result.projects ?? {})[0]?.name)).toEqual([
      'gen/sales',
      'cli/sales',
      'other_ws',
    ]);
  });
});

describe('workspaceNameFromToml', () => {
  const parsed = (text: string): unknown => (parse(text) as any).workspace?.settings?.name;
  const CASES = [
    '[workspace.settings]\nname = "analytics"\n',
    '# dlthub init\n[runtime]\nlog_level = "WARNING"  # level\n\n[workspace.settings]\nname = \'literal\'  # a comment\n',
    '[workspace.settings]\r\nname = "crlf"\r\n',
    '  [ workspace . settings ]  # spaced\n  name   =   "spaced"\n[other]\nname = "not this"\n',
    '[workspace.settings]\nother = 1\n[sources]\nname = "outside"\n',
    '[workspace.settings]\nname = "esc\\"aped"\n',
    '[workspace]\nsettings.name = "dotted"\n',
    'workspace.settings.name = "top-level dotted"\n',
    '[workspace]\nsettings = { name = "inline" }\n',
    '[workspace.runtime]\nlog_level = "INFO"\n[workspace.settings]\nname = "with runtime"\n',
    '[workspace.settings]\nname = """multi\nline"""\n',
    'title = "[workspace.settings]"\n[workspace.settings]\nname = "quoted header text"\n',
    '[runtime]\nlog_level = "INFO"\n',
    '[workspace.settings]\nmatrix = [\n  [1, 2],\n]\nname = "after a nested array"\n',
  ];

  it.each(CASES)('agrees with the TOML parser on %j', (text) => {
    expect(workspaceNameFromToml(text)).toBe(parsed(text));
  });

  it('is undefined for malformed TOML', () => {
    expect(workspaceNameFromToml('[workspace\nname = "x"\n')).toBeUndefined();
  });
});
