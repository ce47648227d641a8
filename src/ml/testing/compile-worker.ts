// Test-only: Node 20 cannot run a .ts file as a worker, and `dist/` may be stale, so worker tests
// compile just the worker's import graph with the project's compiler options into their own cache
// folder (one per spec, so specs can run in parallel). If this fails with an emit error, run
// `npx tsc --noEmit -p tsconfig.json`.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

export function compileWorker(entry: string, cacheName: string): URL {
  const outDir = join(root, 'node_modules/.cache', cacheName);
  const parsed = ts.getParsedCommandLineOfConfigFile(
    join(root, 'tsconfig.json'),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  );
  if (!parsed) throw new Error('Cannot read tsconfig.json');
  const program = ts.createProgram([entry], {
    ...parsed.options,
    outDir,
    rootDir: root,
    noEmit: false,
    incremental: false,
    tsBuildInfoFile: undefined,
    sourceMap: false,
    declaration: false,
  });
  if (program.emit().emitSkipped) throw new Error(`TypeScript did not emit ${entry}`);
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'package.json'), '{ "type": "module" }\n'); // ESM, like the repo
  return pathToFileURL(join(outDir, relative(root, entry)).replace(/\.ts$/, '.js'));
}
