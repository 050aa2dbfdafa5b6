/** `pipeline init --list-sources`: dlt's three groups, core sources, templates and verified sources. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describeModules } from './python-inspect';
import { DEFAULT_TEMPLATE, listPipelineTemplates } from './template-source';
import {
  DEFAULT_VERIFIED_SOURCES_REPO,
  displayLocation,
  verifiedSourceNames,
  withVerifiedSources,
} from './verified-sources';

export interface SourceListing {
  core: Array<{ name: string; description: string }>;
  templates: Array<{ name: string; description: string }>;
  verified: Array<{ name: string; description: string }>;
  /** The repository read for verified sources, as printed (credentials masked). */
  location: string;
  /** Why the verified sources could not be listed (only for dlt's default repository, out of reach). */
  verifiedError?: string;
}

export interface ListSourcesOptions {
  location?: string;
  branch?: string;
}

export function listSources(options: ListSourcesOptions = {}): SourceListing {
  const bundled = listPipelineTemplates();
  const pick = (kind: 'core' | 'template') =>
    bundled.filter((template) => template.kind === kind).map(({ name, description }) => ({ name, description }));
  const location = options.location ?? DEFAULT_VERIFIED_SOURCES_REPO;
  const listing: SourceListing = {
    core: pick('core'),
    templates: pick('template').sort(
      (a, b) => Number(b.name === DEFAULT_TEMPLATE) - Number(a.name === DEFAULT_TEMPLATE),
    ),
    verified: [],
    location: displayLocation(location),
  };
  try {
    listing.verified = withVerifiedSources(location, options.branch, (sourcesDir) => {
      const names = verifiedSourceNames(sourcesDir);
      const modules = Object.fromEntries(
        names
          .map((name) => [name, path.join(sourcesDir, name, '__init__.py')] as const)
          .filter(([, file]) => fs.existsSync(file))
          .map(([name, file]) => [name, fs.readFileSync(file, 'utf8')]),
      );
      const descriptions = describeModules(modules);
      return names.map((name) => ({ name, description: descriptions[name] ?? '' }));
    });
  } catch (error) {
    // Only dlt's public repository may be unreachable without failing the listing; a given --location must work.
    if (options.location !== undefined || (error as { code?: string }).code !== 'Network') throw error;
    listing.verifiedError = (error as Error).message;
  }
  return listing;
}
