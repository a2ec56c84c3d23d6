// vitest globalSetup: compile src/ to dist/ once, because CLI tests run the real
// compiled command (workers load compiled JS from dist/).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export default function setup(): void {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const result = spawnSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.json')], { cwd: root, encoding: 'utf8' });
  if (result.status !== 0) {
    // tsc still emits on type errors; type errors are `npm run typecheck`'s business, a missing build is ours.
    process.stderr.write(`global-build: tsc reported errors (tests run on what it emitted):\n${result.stdout}${result.stderr}\n`);
  }
  if (!existsSync(path.join(root, 'dist/cli/main.js'))) throw new Error('global-build: dist/cli/main.js was not produced by tsc');
}
