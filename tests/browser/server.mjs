// Starts a throwaway Byline server for the browser and markup tests.
//
//   const server = await startServer();
//   ... fetch(`${server.baseUrl}/`) ...
//   await server.stop();
//
// The binary is $BYLINE_BIN, or target/debug/byline of this workspace.
// Every server gets a fresh temporary data directory (so SQLite starts empty
// and the demo newsroom is loaded); if $BYLINE_TEST_DATABASE_URL is set it is
// passed as --database-url instead of the default SQLite database.
// Servers that are still running when this Node process exits (a failed
// test, an uncaught exception, Ctrl-C) are killed and their directories
// removed.

import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 5_000;
const LOG_LIMIT = 64 * 1024;

/** Servers started by this process and not yet stopped. */
const running = new Set();

export function bylineBinary() {
  const bin = process.env.BYLINE_BIN
    ? resolve(process.env.BYLINE_BIN)
    : resolve(HERE, '../../target/debug/byline');
  if (!existsSync(bin)) {
    throw new Error(
      `Byline binary not found at ${bin}: build it with \`cargo build -p byline\` ` +
        'or point BYLINE_BIN at one',
    );
  }
  return bin;
}

/** A TCP port on 127.0.0.1 that was free a moment ago. */
export function freePort() {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolvePort(port));
    });
  });
}

function sleep(ms) {
  return new Promise((r) => setTimeout(r, ms));
}

function killNow(entry) {
  if (entry.child.exitCode === null && entry.child.signalCode === null) {
    try {
      entry.child.kill('SIGKILL');
    } catch {
      // already gone
    }
  }
  rmSync(entry.dataDir, { recursive: true, force: true });
}

function cleanupAll() {
  for (const entry of running) killNow(entry);
  running.clear();
}

process.on('exit', cleanupAll);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.once(signal, () => {
    cleanupAll();
    process.kill(process.pid, signal);
  });
}

async function startOnce(bin, port) {
  const dataDir = mkdtempSync(join(tmpdir(), 'byline-test-'));
  const args = ['serve', '--addr', `127.0.0.1:${port}`, '--data-dir', dataDir];
  if (process.env.BYLINE_TEST_DATABASE_URL) {
    args.push('--database-url', process.env.BYLINE_TEST_DATABASE_URL);
  }
  // BYLINE_* variables of the caller (a developer's BYLINE_DATABASE_URL,
  // BYLINE_NO_DEMO, BYLINE_CONFIG, ...) would change what is served: drop
  // them, and run in the data dir so no ./byline.toml is picked up.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !k.startsWith('BYLINE_')),
  );
  env.NO_COLOR = '1';
  const child = spawn(bin, args, { cwd: dataDir, stdio: ['ignore', 'pipe', 'pipe'], env });
  const entry = { child, dataDir };
  running.add(entry);

  let log = '';
  const keep = (chunk) => {
    log += chunk.toString();
    if (log.length > LOG_LIMIT) log = log.slice(-LOG_LIMIT);
    if (process.env.BYLINE_TEST_VERBOSE) process.stderr.write(chunk);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise((r) => child.once('exit', (code, signal) => r({ code, signal })));

  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (!running.has(entry)) return;
    running.delete(entry);
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = sleep(STOP_TIMEOUT_MS).then(() => 'timeout');
      if ((await Promise.race([exited, timer])) === 'timeout') {
        child.kill('SIGKILL');
        await exited;
      }
    }
    rmSync(dataDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + READY_TIMEOUT_MS;
  let lastError = 'no answer yet';
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      await stop();
      const err = new Error(
        `byline exited before it was ready (code ${child.exitCode}, signal ${child.signalCode})\n${log}`,
      );
      err.addressInUse = /address (already )?in use|AddrInUse/i.test(log);
      throw err;
    }
    try {
      const res = await fetch(`${baseUrl}/`, { signal: AbortSignal.timeout(5_000) });
      await res.arrayBuffer();
      if (res.status === 200) {
        return { baseUrl, port, dataDir, bin, stop, log: () => log };
      }
      lastError = `GET / answered ${res.status}`;
    } catch (e) {
      lastError = e.cause?.code ?? e.message;
    }
    await sleep(200);
  }
  await stop();
  throw new Error(
    `byline was not ready within ${READY_TIMEOUT_MS / 1000}s (${lastError})\n${log}`,
  );
}

/**
 * Starts `byline serve` on a free loopback port with an empty temporary data
 * directory and waits until GET / answers 200.
 * @returns {Promise<{baseUrl: string, port: number, dataDir: string, bin: string, stop: () => Promise<void>, log: () => string}>}
 */
export async function startServer() {
  const bin = bylineBinary();
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    try {
      return await startOnce(bin, port);
    } catch (e) {
      // Another process may have taken the port between freePort() and bind.
      if (e.addressInUse && attempt < 3) continue;
      throw e;
    }
  }
}
