import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import type { FullConfig } from '@playwright/test';
import { BASE_URL, E2E_PORT } from './playwright.config';

const STARTUP_TIMEOUT_MS = 60_000;

/** State shared with global-teardown.ts (same runner process). */
export interface ServerState {
  child: ChildProcess;
  workDir: string;
  output: () => string;
  /** Set when global setup already reported the failure (teardown stays quiet). */
  reported?: boolean;
}
declare global {
  // eslint-disable-next-line no-var
  var __tinhsoServer: ServerState | undefined;
}

function binaryPath(): string {
  const fromEnv = process.env.TINHSO_BIN;
  if (fromEnv) return path.resolve(process.cwd(), fromEnv);
  return path.resolve(__dirname, '..', 'target', 'debug', 'tinhso');
}

function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function healthz(): Promise<number | undefined> {
  try {
    const res = await fetch(`${BASE_URL}/healthz`, {
      redirect: 'manual',
      signal: AbortSignal.timeout(2_000),
    });
    return res.status;
  } catch {
    return undefined;
  }
}

function stopChild(child: ChildProcess): void {
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

export default async function globalSetup(_config: FullConfig): Promise<void> {
  const bin = binaryPath();
  if (!fs.existsSync(bin)) {
    throw new Error(`tinhso binary not found at ${bin}; run \`cargo build\` first or set TINHSO_BIN`);
  }
  if (await portInUse(E2E_PORT)) {
    throw new Error(
      `port ${E2E_PORT} is already in use (a stale tinhso?); stop that process or set E2E_PORT`,
    );
  }

  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tinhso-e2e-'));
  const dataDir = path.join(workDir, 'data');
  fs.mkdirSync(dataDir);
  const logFile = path.join(workDir, 'server.log');
  const log = fs.createWriteStream(logFile);

  const args = ['demo', '--listen', `127.0.0.1:${E2E_PORT}`, '--data', dataDir];
  let output = '';
  const env = { ...process.env };
  delete env.TINHSO_TEST_DATABASE_URL;
  const child = spawn(bin, args, {
    cwd: workDir,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    log.write(chunk);
    if (process.env.E2E_SERVER_LOG) process.stderr.write(chunk);
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  let spawnError: Error | undefined;
  child.on('error', (err) => (spawnError = err));

  const state: ServerState = { child, workDir, output: () => output };
  globalThis.__tinhsoServer = state;
  process.env.TINHSO_E2E_PID = String(child.pid ?? '');
  process.env.TINHSO_E2E_WORKDIR = workDir;
  // Never leave the server behind, even if the runner dies before teardown.
  process.once('exit', () => stopChild(child));

  const fail = (why: string): never => {
    stopChild(child);
    state.reported = true;
    throw new Error(
      `${why}\ncommand: ${bin} ${args.join(' ')}\n` +
        `--- tinhso output (${logFile}) ---\n${output || '(no output)'}\n--- end of tinhso output ---`,
    );
  };

  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  let lastStatus: number | undefined;
  for (;;) {
    if (spawnError) fail(`could not start tinhso: ${spawnError.message}`);
    if (child.exitCode !== null || child.signalCode !== null) {
      fail(`tinhso exited before answering /healthz (exit code ${child.exitCode}, signal ${child.signalCode})`);
    }
    lastStatus = await healthz();
    if (lastStatus === 200) break;
    if (Date.now() > deadline) {
      fail(
        `GET ${BASE_URL}/healthz did not answer 200 within ${STARTUP_TIMEOUT_MS / 1000}s` +
          (lastStatus === undefined ? ' (no answer)' : ` (last status ${lastStatus})`),
      );
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  console.log(`tinhso demo is up at ${BASE_URL} (pid ${child.pid}, log ${logFile})`);
}
