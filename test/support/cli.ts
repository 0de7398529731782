import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = fileURLToPath(new URL('../../bin/hashi.js', import.meta.url));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `hashi …` in a child process (the real binary, as a user would). */
export function runCli(args: string[], options: { env?: Record<string, string>; cwd?: string; input?: string } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: options.cwd ?? ROOT,
      env: { ...cleanEnv(), ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

export interface LongRunning {
  child: ChildProcess;
  output: () => string;
  /** Sends the signal (unless it has exited already) and resolves to the exit code (null when a signal ended it). */
  stop: (signal?: NodeJS.Signals) => Promise<number | null>;
}

/** Starts `hashi serve` and resolves once it prints its URL. Kill it with `stop()`. */
export async function startServer(args: string[], env: Record<string, string> = {}): Promise<LongRunning & { url: string }> {
  const started = await startLongRunning(['serve', '--port', '0', ...args], env, /listening on (http:\/\/\S+)/);
  return { ...started, url: started.match[1]! };
}

/** Starts `hashi worker` and resolves once it prints that it runs. Kill it with `stop()`. */
export async function startWorker(args: string[], env: Record<string, string> = {}): Promise<LongRunning> {
  return startLongRunning(['worker', ...args], env, /hashi worker running/);
}

async function startLongRunning(args: string[], env: Record<string, string>, ready: RegExp): Promise<LongRunning & { match: RegExpExecArray }> {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...cleanEnv(), ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stderr.on('data', (d) => (out += d));
  const match = await new Promise<RegExpExecArray>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`hashi ${args[0]} did not start: ${out}`)), 30_000);
    child.stdout.on('data', (d) => {
      out += d;
      const m = ready.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m);
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`hashi ${args[0]} exited with ${code}: ${out}`));
    });
  });
  return {
    match,
    child,
    output: () => out,
    stop: (signal = 'SIGTERM') =>
      new Promise((resolve) => {
        // A child ended by a signal has signalCode set and exitCode null.
        if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode);
        child.once('exit', (code) => resolve(code));
        child.kill(signal);
      }),
  };
}

// The child gets only what it needs: no HASHI_* leaking in from the runner.
function cleanEnv(): Record<string, string> {
  const keep = ['PATH', 'HOME', 'TMPDIR', 'LANG', 'NODE_OPTIONS'];
  const out: Record<string, string> = {};
  for (const k of keep) {
    const v = globalThis.process.env[k];
    if (v !== undefined) out[k] = v;
  }
  return out;
}
