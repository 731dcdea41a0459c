import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, connect as tcpConnect, type AddressInfo, type Socket } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './gateway.ts';

/** A loopback port that was free a moment ago. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Resolves with the first stdout line matching `pattern`; rejects if the process ends first. */
function waitForLine(
  child: ChildProcess,
  pattern: RegExp,
  what: string,
): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = out.match(pattern);
      if (m) resolve(m);
    });
    child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.once('error', (e) => reject(new Error(`${what} did not start: ${e.message}`)));
    child.once('exit', (code) =>
      reject(new Error(`${what} exited (${code}) before it was ready:\n${err || out}`)),
    );
  });
}

/** A real redis-server on a free loopback port, without persistence (the test owns its data). */
export async function startRedis(
  /**
   * `dir`: where `SAVE` writes its snapshot and a start loads it from; `port`: a fixed one;
   * `durable` (default): configured as the gateway requires (append-only file, no eviction) —
   * off for a test that restores an older snapshot, which an append-only file would override.
   */
  options: { dir?: string; port?: number; durable?: boolean } = {},
): Promise<{ url: string; port: number; child: ChildProcess; stop(): Promise<void> }> {
  const port = options.port ?? (await freePort());
  const durable = options.durable ?? true;
  const dir = options.dir ?? (durable ? mkdtempSync(join(tmpdir(), 'onemap-redis-')) : null);
  const child = spawn(
    'redis-server',
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      ...(durable
        ? ['--appendonly', 'yes', '--appendfsync', 'everysec', '--maxmemory-policy', 'noeviction']
        : ['--appendonly', 'no']),
      ...(dir ? ['--dir', dir, '--dbfilename', 'dump.rdb'] : []),
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  await waitForLine(
    child,
    /Ready to accept connections/,
    "redis-server (Debian's redis-server package; .ci/run installs it)",
  );
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    child,
    stop: async () => {
      await stopProcess(child, 'SIGTERM');
      if (dir && !options.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface GatewayProcess {
  url: string;
  port: number;
  child: ChildProcess;
  /** What it printed on stdout so far. */
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * How to run the gateway as `npm start` does (src/server/main.ts) with `env` on top of this
 * process's environment, on a free port and a log of its own unless `env` names one (never the
 * checkout's data/events.sqlite).
 */
export function gatewayCommand(env: Record<string, string>) {
  return {
    command: process.execPath,
    args: ['--import', 'tsx', join(ROOT, 'src/server/main.ts')],
    options: {
      cwd: ROOT,
      env: {
        ...process.env,
        PORT: '0',
        LOG: 'off',
        SCENARIOS: 'erqi',
        EVENT_DB: join(mkdtempSync(join(tmpdir(), 'onemap-node-')), 'events.sqlite'),
        ...env,
      },
    },
  };
}

/** The gateway as `npm start` runs it, configured by environment. */
export async function startGatewayProcess(env: Record<string, string>): Promise<GatewayProcess> {
  const run = gatewayCommand(env);
  const child = spawn(run.command, run.args, {
    ...run.options,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const [, url = ''] = await waitForLine(child, /open (https?:\/\/[\d.:]+)\//, 'gateway process');
  return {
    url,
    port: Number(new URL(url).port),
    child,
    output: () => out,
    stop: (signal = 'SIGTERM') => stopProcess(child, signal),
  };
}

function stopProcess(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}

/**
 * A TCP load balancer in front of several gateway nodes: each connection goes to the first node
 * that accepts it, so when a node dies its clients' reconnections land on the next one.
 */
export async function failoverProxy(ports: readonly number[]): Promise<{
  url: string;
  close(): Promise<void>;
}> {
  const open = new Set<Socket>();
  const server = createServer((client) => {
    open.add(client);
    client.on('close', () => open.delete(client));
    client.on('error', () => client.destroy());
    const attempt = (i: number) => {
      const port = ports[i];
      if (port === undefined) {
        client.destroy();
        return;
      }
      const upstream = tcpConnect(port, '127.0.0.1');
      upstream.once('error', () => {
        upstream.destroy();
        if (upstream.bytesRead === 0 && !client.destroyed) attempt(i + 1);
        else client.destroy();
      });
      upstream.once('connect', () => {
        open.add(upstream);
        upstream.on('close', () => {
          open.delete(upstream);
          client.destroy();
        });
        client.on('close', () => upstream.destroy());
        client.pipe(upstream);
        upstream.pipe(client);
      });
    };
    attempt(0);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      for (const s of open) s.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
