// Copies what tsc does not emit into dist/: each generator's schema.json and files/ templates,
// so generators.json can point at built files only (a published plugin never loads src/).
const fs = require('node:fs');
const path = require('node:path');

const packageRoot = path.resolve(__dirname, '..');
const sourceDir = path.join(packageRoot, 'src', 'generators');
const targetDir = path.join(packageRoot, 'dist', 'generators');

for (const generator of fs.readdirSync(sourceDir, { withFileTypes: true })) {
  if (!generator.isDirectory()) continue;
  for (const asset of ['schema.json', 'schema.d.ts', 'files']) {
    const from = path.join(sourceDir, generator.name, asset);
    if (!fs.existsSync(from)) continue;
    fs.cpSync(from, path.join(targetDir, generator.name, asset), { recursive: true });
  }
}
