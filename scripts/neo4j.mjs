#!/usr/bin/env node
// Start, stop or ask about the local Neo4j server (neo4j-server/, no Docker).
//
//   node scripts/neo4j.mjs start | stop | status
//
// The JVM runs detached; its output goes to .neo4j/neo4j.log, its pid to .neo4j/neo4j.pid.
// The server writes .neo4j/server.json (its real Bolt and Browser addresses, its user) once Bolt
// answers and the password is set; that file, not an open port, is what "ready" means here, and
// `kg`, `status` and a second `start` read the addresses from it.
// The password: .neo4j/password (0600), made by the server on first start (random, or
// $NEO4J_PASSWORD if set then) and never reset by a later start.
// Environment: NEO4J_USER (neo4j), NEO4J_PASSWORD (first start only), NEO4J_BOLT_PORT (7687),
// NEO4J_HTTP_PORT (7474), NEO4J_HEAP (1g), NEO4J_PAGECACHE (256m), NEO4J_JAVA_OPTS (-XX:+UseG1GC),
// ZHENGKG_NEO4J_HOME (.neo4j). The ports matter only to `start`.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const home = resolve(repo, process.env.ZHENGKG_NEO4J_HOME || '.neo4j');
const moduleDir = join(repo, 'neo4j-server');
const jar = join(moduleDir, 'target', 'neo4j-server.jar');
const pidFile = join(home, 'neo4j.pid');
const readyFile = join(home, 'server.json');
const logFile = join(home, 'neo4j.log');
const passwordFile = join(home, 'password');
const host = '127.0.0.1';
const boltPort = Number(process.env.NEO4J_BOLT_PORT || 7687);
const httpPort = Number(process.env.NEO4J_HTTP_PORT || 7474);
const START_TIMEOUT_MS = Number(process.env.NEO4J_START_TIMEOUT_MS || 240_000);
const STOP_TIMEOUT_MS = 60_000;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function readPid() {
  try {
    const pid = Number(readFileSync(pidFile, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** Alive AND ours: a pid file can outlive its process and the number be reused. */
function isOurServer(pid) {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('zhengkg.neo4j.Server');
  } catch {
    return true; // no /proc: trust the signal check
  }
}

function readyInfo() {
  try {
    return JSON.parse(readFileSync(readyFile, 'utf8'));
  } catch {
    return undefined;
  }
}

/** Where the running server really listens (its state file), else where `start` would put it. */
function addresses(info = readyInfo()) {
  const bolt = info?.bolt ?? `bolt://${host}:${boltPort}`;
  const http = info?.http ?? `http://${host}:${httpPort}/`;
  return { bolt, http, boltPort: Number(new URL(bolt.replace(/^bolt:/, 'http:')).port), user: info?.user ?? (process.env.NEO4J_USER || 'neo4j') };
}

function portAnswers(port) {
  return new Promise((res) => {
    const socket = connect({ host, port });
    socket.setTimeout(2000);
    socket.once('connect', () => { socket.destroy(); res(true); });
    socket.once('error', () => res(false));
    socket.once('timeout', () => { socket.destroy(); res(false); });
  });
}

function logTail(lines = 30) {
  try {
    return readFileSync(logFile, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

function ensureBuilt() {
  if (existsSync(jar) && existsSync(join(moduleDir, 'target', 'lib'))) return;
  console.error('neo4j: building neo4j-server (first run downloads Neo4j from Maven Central) …');
  const r = spawnSync('mvn', ['-q', '-B', '-f', join(moduleDir, 'pom.xml'), 'package'], { stdio: 'inherit' });
  if (r.status !== 0) {
    console.error('neo4j: Maven build of neo4j-server failed');
    process.exit(1);
  }
}

async function waitReady(pid) {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (!isOurServer(pid)) {
      console.error(`neo4j: server exited during start; last lines of ${logFile}:\n${logTail()}`);
      return false;
    }
    const info = readyInfo();
    if (info && info.pid === pid && (await portAnswers(addresses(info).boltPort))) return true;
    await sleep(500);
  }
  console.error(`neo4j: not ready after ${START_TIMEOUT_MS / 1000}s; see ${logFile}`);
  return false;
}

function announce(prefix) {
  const { bolt, http, user } = addresses();
  console.log(`${prefix}: Bolt ${bolt} (user ${user}, password in ${passwordFile})`);
  console.log(`Neo4j Browser: ${http}?dbms=${bolt}`);
}

async function start() {
  const existing = readPid();
  if (isOurServer(existing)) {
    if (!readyInfo()) {
      console.error('neo4j: already starting, waiting …');
      if (!(await waitReady(existing))) process.exit(1);
    }
    announce(`Neo4j already running (pid ${existing})`);
    return;
  }
  if (await portAnswers(boltPort)) {
    console.error(`neo4j: port ${boltPort} is already in use by another process; not starting`);
    process.exit(1);
  }
  ensureBuilt();
  // The store, the logs and the password live here: only the user may read them (also a home an older version made).
  mkdirSync(home, { recursive: true, mode: 0o700 });
  chmodSync(home, 0o700);
  rmSync(readyFile, { force: true });
  const out = openSync(logFile, 'a', 0o600);
  chmodSync(logFile, 0o600);
  const heap = process.env.NEO4J_HEAP || '1g';
  // NEO4J_JAVA_OPTS replaces the garbage-collector choice (and may add any other JVM flag).
  const javaOpts = (process.env.NEO4J_JAVA_OPTS || '-XX:+UseG1GC').split(/\s+/).filter(Boolean);
  const child = spawn('java', [
    `-Xms256m`, `-Xmx${heap}`, ...javaOpts,
    // Neo4j reaches into these JDK internals for off-heap memory and direct I/O.
    '--add-opens=java.base/java.nio=ALL-UNNAMED',
    '--add-opens=java.base/java.lang=ALL-UNNAMED',
    '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
    '-Dfile.encoding=UTF-8',
    '-cp', jar, 'zhengkg.neo4j.Server',
  ], {
    cwd: repo,
    detached: true,
    stdio: ['ignore', out, out],
    env: {
      ...process.env,
      ZHENGKG_NEO4J_HOME: home,
      ZHENGKG_STYLE_FILE: join(repo, 'cypher', 'style.grass'),
      NEO4J_HOST: host,
      NEO4J_BOLT_PORT: String(boltPort),
      NEO4J_HTTP_PORT: String(httpPort),
    },
  });
  child.unref();
  writeFileSync(pidFile, `${child.pid}\n`, { mode: 0o600 });
  console.error(`neo4j: starting (pid ${child.pid}, log ${logFile}) …`);
  if (!(await waitReady(child.pid))) process.exit(1);
  announce('Neo4j ready');
}

async function stop() {
  const pid = readPid();
  if (!isOurServer(pid)) {
    rmSync(pidFile, { force: true });
    console.log('Neo4j is not running');
    return;
  }
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + STOP_TIMEOUT_MS;
  while (isOurServer(pid) && Date.now() < deadline) await sleep(300);
  if (isOurServer(pid)) {
    console.error(`neo4j: pid ${pid} did not stop in ${STOP_TIMEOUT_MS / 1000}s, killing it`);
    process.kill(pid, 'SIGKILL');
  }
  rmSync(pidFile, { force: true });
  rmSync(readyFile, { force: true });
  console.log(`Neo4j stopped (pid ${pid})`);
}

async function status() {
  const pid = readPid();
  const info = readyInfo();
  if (isOurServer(pid) && info && (await portAnswers(addresses(info).boltPort))) {
    announce(`Neo4j running (pid ${pid})`);
    return;
  }
  console.log(isOurServer(pid) ? `Neo4j starting (pid ${pid})` : 'Neo4j is not running');
  process.exitCode = 3;
}

const commands = { start, stop, status };
const command = commands[process.argv[2]];
if (!command) {
  console.error('usage: node scripts/neo4j.mjs start|stop|status');
  process.exit(2);
}
await command();
