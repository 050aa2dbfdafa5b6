// One lint configuration for the whole monorepo. Nx infers a `lint` target for every project
// (see `@nx/eslint/plugin` in nx.json), so `nx run-many -t lint` lints each project with this file.
import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// The dependency direction of DESIGN.md, as project tags (each package.json's `nx.tags`):
//   core      config-core: the engine, imports no other package
//   plugin    destinations, destination-kit, profiles, builtin-plugins: plugins of the engine
//   platform  auth, workspace-client, api-schema, deployment, scheduler, scaffold, platform: libraries the apps compose
//   server    control-plane: imports only what it shares with the client (tag `shared:server`)
//   app       cli, nx: nothing imports them
//   tool      tools/* and the root (jest preset, demo): benchmarks, conformance, end-to-end; may import anything
const dependencyDirection = [
  { sourceTag: 'scope:core', onlyDependOnLibsWithTags: ['scope:core'] },
  { sourceTag: 'scope:plugin', onlyDependOnLibsWithTags: ['scope:core', 'scope:plugin'] },
  { sourceTag: 'scope:platform', onlyDependOnLibsWithTags: ['scope:core', 'scope:platform'] },
  { sourceTag: 'scope:server', onlyDependOnLibsWithTags: ['shared:server'] },
  { sourceTag: 'scope:app', onlyDependOnLibsWithTags: ['scope:core', 'scope:plugin', 'scope:platform'] },
  { sourceTag: 'type:tool', onlyDependOnLibsWithTags: ['*'] },
];

// Tests of the platform libraries and the apps run against the real local control plane; any test may use
// the test tools (the headless browser).
const testDependencyDirection = dependencyDirection.map((constraint) => ({
  ...constraint,
  onlyDependOnLibsWithTags: [
    ...constraint.onlyDependOnLibsWithTags,
    ...(constraint.sourceTag === 'scope:platform' || constraint.sourceTag === 'scope:app' ? ['scope:server'] : []),
    ...(constraint.onlyDependOnLibsWithTags.includes('*') ? [] : ['type:tool']),
  ],
}));

const boundaries = (depConstraints) => ({
  '@nx/enforce-module-boundaries': [
    'error',
    {
      enforceBuildableLibDependency: true,
      // Every project's jest.config.js extends the shared preset at the root.
      allow: ['^(\\.\\./)+jest\\.preset\\.js$'],
      // The CLI requires some packages lazily to keep start-up fast; that is not bundle splitting,
      // so static imports of the same package elsewhere are fine.
      checkDynamicDependenciesExceptions: ['.*'],
      depConstraints,
    },
  ],
});

const testFiles = ['**/*.spec.ts', '**/test/**/*.ts', '**/__fixtures__/**/*.ts'];

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '.nx/**',
      '**/coverage/**',
      '**/tmp/**',
      // Generator templates are not valid TypeScript until rendered.
      '**/files/**',
      '**/templates/**',
      // Holds deliberate violations; tools/lint's spec lints it on purpose.
      'tools/lint/__fixtures__/**',
    ],
  },
  ...nx.configs['flat/base'],
  js.configs.recommended,
  {
    files: ['**/*.ts', '**/*.mts', '**/*.cts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    extends: [tseslint.configs.recommended],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
    rules: {
      // Plain CommonJS scripts (jest configs, bins, build scripts) load modules with require.
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    files: ['**/*.mjs'],
    extends: [tseslint.configs.recommended],
    languageOptions: { sourceType: 'module', globals: { ...globals.node } },
  },
  {
    files: ['**/*.ts', '**/*.js', '**/*.mjs', '**/*.cjs'],
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      ...boundaries(dependencyDirection),
      // A leading underscore marks a binding left unused on purpose (e.g. a key dropped by rest destructuring).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
      // Matching control characters is the point of the regexes that use them (ANSI escapes, TOML escaping).
      'no-control-regex': 'off',
      // Stores and fakes implement async interfaces without awaiting; `async` keeps a throw a rejection.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    files: ['**/*.ts'],
    rules: {
      // package.json is read at run time: it lies outside each package's compiled rootDir.
      '@typescript-eslint/no-require-imports': ['error', { allow: ['/package\\.json$'] }],
    },
  },
  {
    files: ['packages/cli/src/**/*.ts'],
    rules: {
      // The CLI requires modules where they are used so a command loads only what it needs (cold start).
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    files: testFiles,
    languageOptions: { globals: { ...globals.jest } },
    rules: {
      ...boundaries(testDependencyDirection),
      // Specs assert on parsed JSON bodies and files with expect(); typing each would restate the schemas under test.
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      // expect(object.method) passes methods around without calling them.
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  prettier,
);
