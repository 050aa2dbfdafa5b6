/**
 * Where pipeline templates come from: the bundled `templates/` folder, a local directory, or a git
 * repository cloned shallowly into a temp dir (dlt init --location).
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DlthubError } from '@dlthub/config-core';

export type PlaceholderType = 'text' | 'int' | 'bool';

export interface PipelineTemplate {
  name: string;
  description: string;
  /** Dotted keys written to `.dlt/config.toml`, with the placeholder type. */
  config: Record<string, PlaceholderType>;
  /** Dotted keys written to `.dlt/secrets.toml`. */
  secrets: Record<string, PlaceholderType>;
  /** The pipeline script with `{{…}}` tokens. */
  script: string;
}

/** Bundled templates: `templates/` next to `src/` and `dist/`. */
export const BUNDLED_TEMPLATES_DIR = path.resolve(__dirname, '..', 'templates');

export const DEFAULT_TEMPLATE = 'default';

const PLACEHOLDER_TYPES: ReadonlySet<string> = new Set(['text', 'int', 'bool']);

function readTemplate(dir: string, name: string): PipelineTemplate {
  const manifestPath = path.join(dir, name, 'template.json');
  let manifest: { description?: unknown; config?: unknown; secrets?: unknown };
  try {
    manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as typeof manifest;
  } catch (error) {
    throw new DlthubError(
      'FileReadError',
      `Cannot read pipeline template ${manifestPath}: ${(error as Error).message}`,
      {
        location: { file: manifestPath },
        hint: 'Each template folder needs a template.json with "description", "config" and "secrets".',
      },
    );
  }
  const keys = (value: unknown, what: string): Record<string, PlaceholderType> => {
    const table = (value ?? {}) as Record<string, unknown>;
    for (const [key, type] of Object.entries(table)) {
      if (!PLACEHOLDER_TYPES.has(String(type))) {
        throw new DlthubError('InvalidConfigValue', `${manifestPath}: ${what}.${key} has type "${String(type)}".`, {
          location: { file: manifestPath },
          hint: 'Use "text", "int" or "bool".',
        });
      }
    }
    return table as Record<string, PlaceholderType>;
  };
  return {
    name,
    description: typeof manifest.description === 'string' ? manifest.description : '',
    config: keys(manifest.config, 'config'),
    secrets: keys(manifest.secrets, 'secrets'),
    script: fs.readFileSync(path.join(dir, name, 'pipeline.py'), 'utf8'),
  };
}

function templateNames(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(dir, entry.name, 'template.json')))
    .map((entry) => entry.name)
    .sort();
}

export function isGitUrl(location: string): boolean {
  return (
    /^(https?|git|ssh|file):\/\//.test(location) || /^[\w.-]+@[\w.-]+:/.test(location) || location.endsWith('.git')
  );
}

/** Runs `use` on the templates directory of `location`, cleaning up a clone afterwards. */
export function withTemplatesDir<T>(location: string | undefined, use: (dir: string) => T): T {
  if (location === undefined) return use(BUNDLED_TEMPLATES_DIR);
  if (!isGitUrl(location)) {
    const dir = path.resolve(location);
    if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
      throw new DlthubError('NotFound', `Template location ${dir} is not a directory.`, {
        hint: 'Pass --location a directory of template folders or a git repository URL.',
      });
    }
    return use(dir);
  }
  const cloneDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dlthub-templates-'));
  try {
    try {
      execFileSync('git', ['clone', '--quiet', '--depth', '1', location, cloneDir], {
        stdio: ['ignore', 'ignore', 'pipe'],
      });
    } catch (error) {
      const stderr = String((error as { stderr?: Buffer }).stderr ?? '')
        .trim()
        .split('\n')
        .pop();
      throw new DlthubError('Network', `git clone of ${location} failed${stderr ? `: ${stderr}` : ''}.`, {
        hint: 'Check the URL and your access to the repository, or pass --location a local directory.',
      });
    }
    return use(cloneDir);
  } finally {
    fs.rmSync(cloneDir, { recursive: true, force: true });
  }
}

export function listPipelineTemplates(location?: string): PipelineTemplate[] {
  return withTemplatesDir(location, (dir) => templateNames(dir).map((name) => readTemplate(dir, name)));
}

/** The template for `source`, or the default template (dlt init: unknown names get the generic template). */
export function findPipelineTemplate(
  source: string,
  location?: string,
): { template: PipelineTemplate; isDefault: boolean } {
  return withTemplatesDir(location, (dir) => {
    const names = templateNames(dir);
    if (names.includes(source)) return { template: readTemplate(dir, source), isDefault: false };
    const fallbackDir = names.includes(DEFAULT_TEMPLATE) ? dir : BUNDLED_TEMPLATES_DIR;
    return { template: readTemplate(fallbackDir, DEFAULT_TEMPLATE), isDefault: true };
  });
}
