import { type ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

export const BIN = path.resolve(__dirname, '../../bin/intake311.js');

/** Environment for a child process: this one's PATH etc., none of its intake311 settings, plus `env`. */
export function childEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const base = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) => !/^(DATABASE_|REDIS_|TWILIO_|TWITTER_|GOOGLE_|PORT$|DATA_DIR$|PUBLIC_BASE_URL$|NODE_OPTIONS$)/.test(k),
    ),
  );
  return { ...base, LOG_LEVEL: 'warn', ...env };
}

/** Runs `intake311 <args>` to completion (the built CLI, as an operator would). */
export function runCli(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: childEnv(env) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Starts a long-running `intake311 <args>` and resolves once its stdout contains `ready`. */
export function startCli(
  args: string[],
  env: Record<string, string>,
  ready: string,
  timeoutMs = 20000,
): Promise<{ child: ChildProcess; stdout: () => string }> {
  const child = spawn(process.execPath, [BIN, ...args], { env: childEnv(env) });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`"${args.join(' ')}" not ready in ${timeoutMs} ms: ${stderr}`)), timeoutMs);
    child.stdout.on('data', (d) => {
      stdout += d;
      if (stdout.includes(ready)) {
        clearTimeout(timer);
        resolve({ child, stdout: () => stdout });
      }
    });
    child.on('exit', (code) => reject(new Error(`"${args.join(' ')}" exited with ${code}: ${stderr}`)));
  });
}

/** A TCP port free right now on loopback. */
export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', (code) => resolve(code))));
}
