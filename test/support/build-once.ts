import { execFileSync } from 'node:child_process';

/** The start-up tests run the compiled server exactly as `npm start` does, so compile it once first. */
export default function setup(): void {
  execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
}
