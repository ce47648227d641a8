// Compiles TypeScript (incrementally, so a no-change build takes about a second) and copies
// front-end libraries from node_modules into public/vendor so the app works with no internet.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
// Package folders are resolved from node_modules directly: "exports" maps hide dist files.
const pkgDir = (name) => join(root, 'node_modules', name);

const vendor = {
  'chart.umd.min.js': join(pkgDir('chart.js'), 'dist/chart.umd.min.js'),
};
mkdirSync(join(root, 'public/vendor'), { recursive: true });
for (const [target, source] of Object.entries(vendor)) {
  cpSync(source, join(root, 'public/vendor', target));
}

execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {
  cwd: root,
  stdio: 'inherit',
});
