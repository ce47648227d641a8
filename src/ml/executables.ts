// Finding and running the Debian tools the ML modules shell out to (ffmpeg, sox, pocketsphinx).
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Absolute path of an executable on PATH (or the path itself if it is executable), else null. */
export function findExecutable(name: string): string | null {
  const candidates = name.includes('/')
    ? [name]
    : (process.env.PATH ?? '')
        .split(delimiter)
        .filter(Boolean)
        .map((d) => join(d, name));
  for (const c of candidates) {
    try {
      accessSync(c, constants.X_OK);
      return c;
    } catch {
      // not here
    }
  }
  return null;
}

/**
 * Runs `cmd` with `input` on its stdin and writes its stdout into `output` (the caller sizes it to
 * the output it expects, and may reuse it); resolves with the part written. Rejects when it exits
 * non-zero, prints more than `output` holds, or goes `idleTimeoutMs` without printing anything
 * (then it is killed: a stuck decoder must not hold a scoring worker until the task time-out).
 */
export function pipeThrough(
  cmd: string,
  args: readonly string[],
  input: Uint8Array,
  opts: { output: Buffer; idleTimeoutMs: number },
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    // Filled in place: collecting chunks and concatenating them would hold the output twice at the
    // end (2 × 18 MB for a 20-frame batch).
    const out = opts.output;
    let outBytes = 0;
    let stderr = '';
    let failure: Error | undefined;
    const fail = (err: Error) => {
      failure ??= err;
      child.kill('SIGKILL');
    };
    const timer = setTimeout(() => fail(new Error(`${cmd} printed nothing for ${opts.idleTimeoutMs} ms`)), opts.idleTimeoutMs);
    child.stdout.on('data', (chunk: Buffer) => {
      timer.refresh();
      if (outBytes + chunk.length > out.length) fail(new Error(`${cmd} printed more than ${out.length} bytes`));
      else out.set(chunk, outBytes);
      outBytes += chunk.length;
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < 2000) stderr += chunk.toString('utf8');
    });
    // EPIPE when the tool stops reading early: the exit code or the output check reports it.
    child.stdin.on('error', () => {});
    child.on('error', (err) => fail(err));
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (failure) reject(failure);
      else if (code !== 0) reject(new Error(`${cmd} exited with ${code ?? signal}: ${stderr.trim().slice(0, 500)}`));
      else resolve(out.subarray(0, outBytes));
    });
    child.stdin.end(input);
  });
}
