// The local Neo4j is safe by default (issue #13, items 1-4) and every command finds it on its own
// (issue #14.1). A server of this file's own, on free ports (never 7687/7474), on a fresh store,
// configured with another user than the built-in neo4j:
//   1. LOAD CSV reads no file of the user's and fetches no URL;
//   2. the password is random, kept in a 0600 file, read from there by kg; the built-in neo4j
//      account cannot be claimed; a password changed over Bolt survives a restart;
//   3. the server's home, store and logs are 0700 / 0600;
//   4. Browser's web server: no Access-Control-Allow-Origin: *, no foreign Host, and clients that
//      stall half-way through a request neither block others nor stay connected.
// One file on purpose: the steps share one server and must run in order (a restart comes last).
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import { createServer, type Server } from 'node:http';
import { connect, type Socket } from 'node:net';
import path from 'node:path';
import neo4j from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unusable } from '../neo4j/global-setup.js';
import { neo4jScript, reliabilityInstance, root, runKg, startInstance } from './helpers.js';

const SKIP = process.env.ZHENGKG_SKIP_NEO4J === '1';
const OWNER = 'zhengkg_owner';
const instance = reliabilityInstance('safety');
instance.env.NEO4J_USER = OWNER;
const smallGraph = path.join(root, 'test/fixtures/graphs/small.json');

/** kg as a user runs it after `npm run neo4j:start` on other ports: no flags, no connection variables. */
const bareEnv = () => ({ ZHENGKG_NEO4J_HOME: instance.home, NEO4J_URI: '', NEO4J_USER: '', NEO4J_PASSWORD: '', NEO4J_DATABASE: '', NEO4J_BOLT_PORT: '', NEO4J_HTTP_PORT: '' });

async function login(user: string, password: string): Promise<string> {
  const driver = neo4j.driver(instance.uri, neo4j.auth.basic(user, password), { connectionTimeout: 10_000, maxTransactionRetryTime: 0 });
  try {
    await driver.executeQuery('RETURN 1');
    return 'ok';
  } catch (err) {
    return String((err as { code?: string }).code ?? err);
  } finally {
    await driver.close();
  }
}

async function run(cypher: string, params: Record<string, unknown> = {}): Promise<{ rows?: unknown[]; error?: string }> {
  const driver = neo4j.driver(instance.uri, neo4j.auth.basic(OWNER, instance.password), { maxTransactionRetryTime: 0, disableLosslessIntegers: true });
  try {
    return { rows: (await driver.executeQuery(cypher, params, { database: params.system ? 'system' : undefined })).records.map((r) => r.toObject()) };
  } catch (err) {
    return { error: String((err as Error).message) };
  } finally {
    await driver.close();
  }
}

const mode = (file: string) => (statSync(file).mode & 0o777).toString(8);
const httpBase = () => JSON.parse(readFileSync(path.join(instance.home, 'server.json'), 'utf8')).http as string;

let startedServer = false;

beforeAll(async () => {
  if (SKIP) return;
  // This home is this file's alone; a fresh store is what a first start sees.
  if (neo4jScript(instance, 'status').status === 0) neo4jScript(instance, 'stop');
  rmSync(instance.home, { recursive: true, force: true });
  startedServer = await startInstance(instance);
}, 240_000);

afterAll(() => {
  if (startedServer) neo4jScript(instance, 'stop');
  if (!SKIP) rmSync(instance.home, { recursive: true, force: true });
}, 120_000);

describe.skipIf(SKIP)('the local Neo4j is safe by default (own server under .neo4j/safety, free ports)', () => {
  describe('credentials', () => {
    it('a first start makes a random password, stores it in a file only its owner can read, and kg needs nothing else', async () => {
      const password = readFileSync(path.join(instance.home, 'password'), 'utf8').trim();
      expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/);
      expect(password).not.toBe('password');
      expect(mode(path.join(instance.home, 'password'))).toBe('600');
      expect(await login(OWNER, password)).toBe('ok');
      expect(await login(OWNER, 'password')).toBe('Neo.ClientError.Security.Unauthorized');
    });

    it('with NEO4J_USER naming another user, the built-in neo4j account is not left to be claimed', async () => {
      // A fresh store's neo4j/neo4j logs in and then must choose a password: whoever does owns the database.
      expect(await login('neo4j', 'neo4j')).toBe('Neo.ClientError.Security.Unauthorized');
      expect(await login('neo4j', 'password')).toBe('Neo.ClientError.Security.Unauthorized');
      const { rows } = await run('SHOW USERS YIELD user RETURN user');
      expect(rows).toEqual([{ user: OWNER }]);
    });
  });

  describe('the home, the store and the logs', () => {
    it('are readable by their owner only', () => {
      expect(mode(instance.home)).toBe('700');
      expect(mode(path.join(instance.home, 'db'))).toBe('700');
      expect(mode(path.join(instance.home, 'import'))).toBe('700');
      expect(mode(path.join(instance.home, 'neo4j.log'))).toBe('600');
    });
  });

  describe('LOAD CSV', () => {
    it('cannot read a file outside the server\'s own empty import folder', async () => {
      expect(readdirSync(path.join(instance.home, 'import'))).toEqual([]);
      for (const url of ['file:///etc/passwd', `file://${path.join(root, 'package.json')}`, 'file:///../../../../../../etc/passwd']) {
        const result = await run('LOAD CSV FROM $url AS line RETURN line LIMIT 1', { url });
        expect(result.rows, url).toBeUndefined();
        expect(result.error, url).toMatch(/Couldn't load the external resource|Cannot load from URL/);
      }
    });

    it('cannot make the server fetch a URL, not even on this machine', async () => {
      let requests = 0;
      const web: Server = createServer((_req, res) => {
        requests++;
        res.end('a,b\n1,2\n');
      });
      await new Promise<void>((resolve) => web.listen(0, '127.0.0.1', resolve));
      const { port } = web.address() as { port: number };
      try {
        for (const url of [`http://127.0.0.1:${port}/data.csv`, `http://localhost:${port}/data.csv`]) {
          const result = await run('LOAD CSV FROM $url AS line RETURN line', { url });
          expect(result.rows, url).toBeUndefined();
          expect(result.error, url).toMatch(/blocked/);
        }
        expect(requests).toBe(0);
      } finally {
        web.close();
      }
    });
  });

  describe('every command finds the server on its real ports and logs in with no flags (issue #14.1)', () => {
    it('neo4j:status names the port the server really uses', () => {
      const status = neo4jScript({ ...instance, env: { ...process.env, ...bareEnv() } }, 'status');
      expect(status.status).toBe(0);
      expect(status.output).toContain(`Bolt ${instance.uri} (user ${OWNER}, password in ${path.join(instance.home, 'password')})`);
      expect(instance.uri).not.toContain(':7687');
    });

    it('kg load and kg query', async () => {
      const load = await runKg(['load', smallGraph], bareEnv());
      expect(load.stderr).toContain(`into ${instance.uri};`);
      expect(load.code).toBe(0);
      const query = await runKg(['query', 'posts', '--param', 'place=青岚市', '--json'], bareEnv());
      expect(query.stderr).toBe('');
      expect(query.code).toBe(0);
      expect(JSON.parse(query.stdout).rows.length).toBeGreaterThan(0);
    });

    it('kg build --neo4j', async () => {
      const out = mkdtempSync(path.join(os.tmpdir(), 'kg-safety-build-'));
      try {
        const build = await runKg(['build', path.join(root, 'examples'), '--out', out, '--no-progress', '--neo4j'], bareEnv());
        expect(build.stderr).toContain(`into ${instance.uri};`);
        expect(build.code).toBe(0);
      } finally {
        rmSync(out, { recursive: true, force: true });
      }
    });

    it('npm test does not take a NEO4J_URI whose database holds data (it starts its own server instead), nor one it cannot use', async () => {
      // The build above loaded examples/: nodes that are not the Neo4j tests' fixtures.
      expect(await unusable({ uri: instance.uri, user: instance.user, password: instance.password })).toMatch(/^it holds \d+ nodes that are not test fixtures$/);
      expect(await unusable({ uri: instance.uri, user: instance.user, password: 'wrong password' })).toMatch(/authentication failure|unauthorized/i);
    });

    it('the local password is never sent to another server', async () => {
      const other = await runKg(['query', 'posts', '--param', 'place=青岚市', '--uri', 'bolt://127.0.0.1:9'], bareEnv());
      expect(other.code).toBe(1);
      expect(other.stderr).toMatch(/^kg: cannot reach Neo4j at bolt:\/\/127\.0\.0\.1:9/);
    });
  });

  describe('Neo4j Browser\'s web server', () => {
    it('allows no foreign origin to read it, and answers only to loopback host names', async () => {
      const base = httpBase();
      const port = new URL(base).port;
      const foreign = await fetch(base, { headers: { Origin: 'http://evil.example' } });
      expect(foreign.status).toBe(200);
      expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
      // Browser opened as localhost reads /style.grass from 127.0.0.1 (post_connect_cmd names that).
      const own = await fetch(`${base}style.grass`, { headers: { Origin: `http://localhost:${port}` } });
      expect(own.headers.get('access-control-allow-origin')).toBe(`http://localhost:${port}`);
      // A web page whose own name was rebound to 127.0.0.1 (DNS rebinding) is refused.
      const rebound = await rawRequest(Number(port), `GET / HTTP/1.1\r\nHost: evil.example:${port}\r\nConnection: close\r\n\r\n`);
      expect(rebound).toMatch(/^HTTP\/1\.1 403/);
    });

    it('clients that stall half-way through a request do not block a sixth, and are dropped', async () => {
      const port = Number(new URL(httpBase()).port);
      const stalled: Socket[] = [];
      const closed: Array<Promise<number>> = [];
      const t0 = Date.now();
      for (let i = 0; i < 5; i++) {
        const socket = connect({ host: '127.0.0.1', port });
        await new Promise((resolve) => socket.once('connect', resolve));
        socket.write(`GET /style.grass HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX-Half: `); // never finished
        socket.on('error', () => undefined);
        closed.push(new Promise((resolve) => socket.once('close', () => resolve(Date.now() - t0))));
        stalled.push(socket);
      }
      try {
        await new Promise((resolve) => setTimeout(resolve, 500));
        const started = Date.now();
        const answer = await fetch(`${httpBase()}style.grass`, { signal: AbortSignal.timeout(20_000) });
        const ms = Date.now() - started;
        expect(answer.status).toBe(200);
        console.log(`Browser server: answered in ${ms} ms with 5 stalled clients`);
        expect(ms).toBeLessThan(2000);
        // The request timeout (10 s, checked every second) closes the stalled connections.
        const after = await Promise.race([Promise.all(closed), new Promise<'open'>((resolve) => setTimeout(() => resolve('open'), 20_000))]);
        expect(after).not.toBe('open');
        console.log(`Browser server: stalled clients dropped after ${(after as number[]).map((t) => (t / 1000).toFixed(1)).join(', ')} s`);
      } finally {
        for (const socket of stalled) socket.destroy();
      }
    }, 60_000);
  });

  describe('a password changed over Bolt', () => {
    it('survives a restart; kg then says where its password came from, and NEO4J_PASSWORD overrides', async () => {
      const oldPassword = instance.password;
      const newPassword = 'chosen by the user 1';
      const changed = await run('ALTER CURRENT USER SET PASSWORD FROM $old TO $new', { old: oldPassword, new: newPassword, system: true });
      expect(changed.error).toBeUndefined();
      expect(neo4jScript(instance, 'stop').status).toBe(0);
      const restarted = neo4jScript(instance, 'start');
      expect(restarted.status, restarted.output).toBe(0);
      expect(await login(OWNER, newPassword)).toBe('ok');
      expect(await login(OWNER, oldPassword)).toBe('Neo.ClientError.Security.Unauthorized');

      const stale = await runKg(['query', 'posts', '--param', 'place=青岚市'], bareEnv());
      expect(stale.code).toBe(1);
      expect(stale.stderr.trim()).toBe(`kg: Neo4j at ${instance.uri} refused user "${OWNER}": wrong user name or password (password from ${path.join(instance.home, 'password')}); set NEO4J_USER/NEO4J_PASSWORD or --user/--password-file`);
      const viaEnv = await runKg(['query', 'posts', '--param', 'place=青岚市'], { ...bareEnv(), NEO4J_PASSWORD: newPassword });
      expect(viaEnv.code).toBe(0);
      expect(existsSync(path.join(instance.home, 'password.tmp'))).toBe(false);
    }, 240_000);
  });
});

/** One HTTP exchange over a bare socket, so the Host header is exactly what we say. */
function rawRequest(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port }, () => socket.write(request));
    let data = '';
    socket.setTimeout(10_000, () => socket.destroy(new Error('timed out')));
    socket.on('data', (d) => (data += d));
    socket.on('end', () => resolve(data));
    socket.on('error', reject);
  });
}
