/**
 * Bundled sources: dlt's core sources (`rest_api`, `sql_database`, `filesystem`, imported from
 * `dlt.sources`) and its generic single-file templates (`default`, …), each a folder of `templates/`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DlthubError } from '@dlthub/config-core';

export type PlaceholderType = 'text' | 'int' | 'bool';

export interface PipelineTemplate {
  name: string;
  description: string;
  /** `core`: a dlt core source; `template`: a generic single-file template. */
  kind: 'core' | 'template';
  /** Dotted keys written to `.dlt/config.toml`, with the placeholder type. */
  config: Record<string, PlaceholderType>;
  /** Dotted keys written to `.dlt/secrets.toml`. */
  secrets: Record<string, PlaceholderType>;
  /** PEP 508 requirements the pipeline needs besides the destination's (dlt's extra named after a core source). */
  requirements: string[];
  /** The pipeline script with `{{…}}` tokens. */
  script: string;
}

/** Bundled templates: `templates/` next to `src/` and `dist/`. */
export const BUNDLED_TEMPLATES_DIR = path.resolve(__dirname, '..', 'templates');

export const DEFAULT_TEMPLATE = 'default';

const PLACEHOLDER_TYPES: ReadonlySet<string> = new Set(['text', 'int', 'bool']);

function readTemplate(dir: string, name: string): PipelineTemplate {
  const manifestPath = path.join(dir, name, 'template.json');
  let manifest: { description?: unknown; kind?: unknown; config?: unknown; secrets?: unknown; requirements?: unknown };
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
    kind: manifest.kind === 'core' ? 'core' : 'template',
    config: keys(manifest.config, 'config'),
    secrets: keys(manifest.secrets, 'secrets'),
    requirements: Array.isArray(manifest.requirements) ? manifest.requirements.map(String) : [],
    script: fs.readFileSync(path.join(dir, name, 'pipeline.py'), 'utf8'),
  };
}

/** Every bundled core source and template, by name. */
export function listPipelineTemplates(): PipelineTemplate[] {
  return fs
    .readdirSync(BUNDLED_TEMPLATES_DIR, { withFileTypes: true })
    .filter(
      (entry) => entry.isDirectory() && fs.existsSync(path.join(BUNDLED_TEMPLATES_DIR, entry.name, 'template.json')),
    )
    .map((entry) => readTemplate(BUNDLED_TEMPLATES_DIR, entry.name))
    .sort((a, b) => a.name.localeCompare(b.name));
}

export function findBundledTemplate(name: string): PipelineTemplate | undefined {
  return listPipelineTemplates().find((template) => template.name === name);
}
