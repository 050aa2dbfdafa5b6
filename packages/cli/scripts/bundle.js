#!/usr/bin/env node
'use strict';
/**
 * Bundles the `dlthub` binary over tsc's output in dist/.
 *
 * Why: start-up of the unbundled binary went mostly to Node resolving and loading dozens of small
 * modules (ours, config-core's, smol-toml's), and compiling one big bundle costs time too. So:
 *
 *   main.js         src/main.ts: answers `--version` alone, else requires run.js
 *   run.js          src/run.ts and the commands that read configuration (config get/show/explain, profile, local)
 *   config-core.js  @dlthub/config-core and smol-toml, the one copy every other file uses
 *   extras.js       the other commands and what only they need: scaffold, plugins, auth, platform client
 *
 * Inlined modules (our workspace packages and smol-toml) are evaluated on first require, so commands
 * still load only when they run. Other third-party packages (zod, undici, commander, @inquirer/prompts,
 * write-file-atomic) stay external: required from node_modules as before. tsc still emits the rest of
 * dist/ (the library API and its .d.ts); run.js replaces tsc's file of that name.
 */
const fs = require('node:fs');
const path = require('node:path');
const esbuild = require('esbuild');

const packageRoot = path.resolve(__dirname, '..');
const src = path.join(packageRoot, 'src');
const dist = path.join(packageRoot, 'dist');

const INLINED = /^(@dlthub\/|smol-toml(\/|$))/;

/** The commands run.js keeps: they read configuration, and their start-up is what users wait on most. */
const RUN_COMMANDS = [
  'commands/profile/info',
  'commands/profile/list',
  'commands/profile/use',
  'commands/profile/unpin',
  'commands/config/show',
  'commands/config/get',
  'commands/config/explain',
  'commands/plugin/add',
  'commands/local/info',
  'commands/local/clean',
];

/**
 * Every other command the command tables require lazily lives in extras.js, so a new command lands there
 * without being listed (paths under src/, without .ts). The tables write one literal require per command.
 */
function lazilyRequiredCommands() {
  const commands = path.join(src, 'commands');
  const tables = fs.readdirSync(commands).filter((name) => name.endsWith('-commands.ts'));
  const required = tables.flatMap((name) =>
    [...fs.readFileSync(path.join(commands, name), 'utf8').matchAll(/require\('\.\/([^']+)'\)/g)].map(
      (match) => `commands/${match[1]}`,
    ),
  );
  // A table's comment may show the pattern with a made-up name.
  return [...new Set(required)].filter((key) => fs.existsSync(path.join(src, `${key}.ts`)));
}

const EXTRAS = [
  'plugins',
  'commands/deploy-preview',
  ...lazilyRequiredCommands().filter((key) => !RUN_COMMANDS.includes(key)),
];

/** Nearest package.json above `file`: the package an inlined module belongs to. */
function owningPackage(file) {
  for (let dir = path.dirname(file); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest)) return { root: dir, name: JSON.parse(fs.readFileSync(manifest, 'utf8')).name };
  }
  throw new Error(`no package.json above ${file}`);
}

/** A module of the bundle that hands out one property of a sibling file in dist/. */
function sibling(build, namespace, file) {
  build.onLoad({ filter: /.*/, namespace }, (args) => ({
    contents: `module.exports = require(${JSON.stringify(`./${file}`)})[${JSON.stringify(args.path)}];`,
    resolveDir: dist,
    loader: 'js',
  }));
}

/** Bare imports: ours and smol-toml are inlined, other packages stay a runtime require. */
const externals = {
  name: 'dlthub-externals',
  setup(build) {
    build.onResolve({ filter: /^\.\/(config-core|extras|run)\.js$/ }, (args) =>
      args.resolveDir === dist ? { path: args.path, external: true } : undefined,
    );
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith('node:')) return { path: args.path, external: true };
      // The package-location lookups written by `ownDirname` run at run time, in the installed tree.
      if (args.kind === 'require-resolve') return { path: args.path, external: true };
      if (INLINED.test(args.path)) return undefined;
      return { path: args.path, external: true };
    });
  },
};

/** Every use of config-core outside config-core.js is that file's copy, so `instanceof` holds across files. */
const sharedConfigCore = {
  name: 'dlthub-shared-config-core',
  setup(build) {
    build.onResolve({ filter: /^@dlthub\/config-core(\/(read|mask|toml))?$/ }, (args) => ({
      path: args.path === '@dlthub/config-core' ? 'index' : args.path.slice('@dlthub/config-core/'.length),
      namespace: 'config-core',
    }));
    sibling(build, 'config-core', 'config-core.js');
  },
};

/** In run.js, the lazily required EXTRAS come from extras.js. */
const extrasApart = {
  name: 'dlthub-extras-apart',
  setup(build) {
    build.onResolve({ filter: /^\.\.?\// }, (args) => {
      if (!args.resolveDir.startsWith(src)) return undefined;
      const key = path.relative(src, path.resolve(args.resolveDir, args.path)).split(path.sep).join('/');
      return EXTRAS.includes(key) ? { path: key, namespace: 'extras' } : undefined;
    });
    sibling(build, 'extras', 'extras.js');
  },
};

/**
 * An inlined module that reads files next to itself (scaffold's templates, workspace-client's
 * package.json) must keep looking in its own installed package, not next to the bundle.
 */
const ownDirname = {
  name: 'dlthub-own-dirname',
  setup(build) {
    build.onLoad({ filter: /\.js$/ }, (args) => {
      if (args.path.startsWith(packageRoot + path.sep)) return undefined;
      const contents = fs.readFileSync(args.path, 'utf8');
      if (!/\b__dirname\b/.test(contents)) return undefined;
      if (/\b__filename\b/.test(contents))
        throw new Error(`${args.path}: __filename in an inlined module is not supported`);
      const owner = owningPackage(args.path);
      const within = path.relative(owner.root, path.dirname(args.path)).split(path.sep);
      const dirname = `require("node:path").join(require("node:path").dirname(require.resolve(${JSON.stringify(
        `${owner.name}/package.json`,
      )})), ${within.map((part) => JSON.stringify(part)).join(', ')})`;
      return {
        contents: contents.replace(/\b__dirname\b/g, `(${dirname})`),
        loader: 'js',
        resolveDir: path.dirname(args.path),
      };
    });
  },
};

/** `module.exports = { get "<key>"() { return require("<module>"); }, … }`: each evaluated on first use. */
function lazyTable(entries) {
  const getters = entries.map(
    ([key, module]) => `  get ${JSON.stringify(key)}() { return require(${JSON.stringify(module)}); },`,
  );
  return `module.exports = {\n${getters.join('\n')}\n};\n`;
}

/**
 * Every module run.js inlines is parsed at each start of the read commands, so only the CLI's own modules
 * and the builtin plugin list belong there (the `extras:`/`config-core:` stubs only point at sibling files);
 * anything else fails the build and names who imported it.
 */
const RUN_MAY_INLINE = /^(src\/|\.\.\/builtin-plugins\/|package\.json$|(extras|config-core):)/;
function checkRunStaysSmall(result) {
  const strays = Object.entries(result.metafile.inputs)
    .filter(([input]) => !RUN_MAY_INLINE.test(input))
    .map(([input]) => input);
  if (strays.length === 0) return;
  const importers = Object.entries(result.metafile.inputs)
    .filter(([, { imports }]) => imports.some((entry) => strays.includes(entry.path)))
    .map(([input]) => input);
  console.error(
    `run.js inlines ${strays.join(', ')} (imported by ${importers.join(', ')}).\n` +
      'Load that command lazily from a *-commands.ts table, or add it to RUN_COMMANDS only if it reads configuration.',
  );
  throw new Error('run.js grew');
}

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  tsconfig: path.join(packageRoot, 'tsconfig.lib.json'),
  logLevel: 'warning',
  legalComments: 'none',
  // Less to compile at every start; identifiers are kept, so stack traces (-v) still name functions.
  minifyWhitespace: true,
  minifySyntax: true,
};

/** main.js leaves `require('./run')` to run time. */
const runApart = {
  name: 'dlthub-run-apart',
  setup(build) {
    build.onResolve({ filter: /^\.\/run$/ }, () => ({ path: './run.js', external: true }));
  },
};

// `read` is the entry without the registry (and zod) that the read path uses; `mask` the masking rule;
// `toml` the one TOML reader.
const configCoreTable = lazyTable([
  ['index', '@dlthub/config-core'],
  ['read', '@dlthub/config-core/read'],
  ['mask', '@dlthub/config-core/mask'],
  ['toml', '@dlthub/config-core/toml'],
]);
const extrasTable = lazyTable(EXTRAS.map((key) => [key, path.join(src, `${key}.ts`)]));

Promise.all([
  esbuild.build({
    ...common,
    entryPoints: [path.join(src, 'main.ts')],
    outfile: path.join(dist, 'main.js'),
    plugins: [runApart],
  }),
  esbuild
    .build({
      ...common,
      entryPoints: [path.join(src, 'run.ts')],
      outfile: path.join(dist, 'run.js'),
      plugins: [externals, sharedConfigCore, extrasApart, ownDirname],
      metafile: true,
    })
    .then(checkRunStaysSmall),
  esbuild.build({
    ...common,
    stdin: { contents: extrasTable, resolveDir: src, sourcefile: 'extras.js', loader: 'js' },
    outfile: path.join(dist, 'extras.js'),
    plugins: [externals, sharedConfigCore, ownDirname],
  }),
  esbuild.build({
    ...common,
    stdin: { contents: configCoreTable, resolveDir: packageRoot, sourcefile: 'config-core.js', loader: 'js' },
    outfile: path.join(dist, 'config-core.js'),
    plugins: [externals, ownDirname],
  }),
])
  // tsc's maps describe the files the bundles replaced.
  .then(() => ['main.js.map', 'run.js.map'].forEach((map) => fs.rmSync(path.join(dist, map), { force: true })))
  .catch(() => process.exit(1));
