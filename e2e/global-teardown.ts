import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FullConfig } from '@playwright/test';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export default async function globalTeardown(_config: FullConfig): Promise<void> {
  const state = globalThis.__tinhsoServer;
  const pid = state?.child.pid ?? Number(process.env.TINHSO_E2E_PID || 0);
  const workDir = state?.workDir ?? process.env.TINHSO_E2E_WORKDIR;

  if (state?.reported) {
    // global setup already showed the output.
  } else if (state && (state.child.exitCode !== null || state.child.signalCode !== null)) {
    // The server died while the tests ran: show why.
    console.error(
      `tinhso exited during the tests (exit code ${state.child.exitCode}, signal ${state.child.signalCode})\n` +
        `--- tinhso output ---\n${state.output()}\n--- end of tinhso output ---`,
    );
  } else if (pid && alive(pid)) {
    process.kill(pid, 'SIGTERM');
    const deadline = Date.now() + 5_000;
    while (alive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    if (alive(pid)) process.kill(pid, 'SIGKILL');
  }

  if (workDir && !process.env.E2E_KEEP_DATA && path.basename(workDir).startsWith('tinhso-e2e-')) {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
  globalThis.__tinhsoServer = undefined;
}
