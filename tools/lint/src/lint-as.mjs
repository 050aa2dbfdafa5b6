// Lints files' text as if each lived at another path of the repository, with the repository's own
// eslint.config.mjs, and prints ESLint's results (one per pair, in order) as JSON on stdout.
// Usage: node lint-as.mjs <source file> <path relative to the repository root> [<source file> <path> ...]
// The pretended path does not exist, so type-aware rules (which need the file in a TypeScript program)
// are switched off; the module-boundary rule needs only the path and Nx's project graph.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createProjectGraphAsync, workspaceRoot } from '@nx/devkit';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';

const args = process.argv.slice(2);
if (args.length === 0 || args.length % 2 !== 0) {
  process.stderr.write('usage: node lint-as.mjs <source file> <path relative to the repository root> ...\n');
  process.exit(2);
}

// The boundary rule reads the cached project graph and skips itself when there is none.
await createProjectGraphAsync({ exitOnError: true });

const eslint = new ESLint({
  cwd: workspaceRoot,
  overrideConfig: [{ files: ['**/*.ts'], ...tseslint.configs.disableTypeChecked }],
});
const results = [];
for (let index = 0; index < args.length; index += 2) {
  const [result] = await eslint.lintText(readFileSync(args[index], 'utf8'), {
    filePath: resolve(workspaceRoot, args[index + 1]),
  });
  results.push(result);
}
process.stdout.write(JSON.stringify(results));
