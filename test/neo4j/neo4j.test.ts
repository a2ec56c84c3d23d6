// Against a real Neo4j (see global-setup.ts): load the fixture graphs, run every query in
// cypher/, reload and merge, the CLI's one-line errors, and Neo4j Browser in headless Chromium.
// One file on purpose: the steps share one database and must run in order.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import neo4j, { type Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadGraphFile, VanishedNodesError, type LoadStats } from '../../src/load/load.js';
import { mergeRelsStatement, relRowValues } from '../../src/load/statements.js';
import { bindParams, listQueries, runQuery } from '../../src/load/queries.js';
import { runKg, type Run } from '../kg-process.js';
import { FOREIGN_NODES, TEST_DOCS } from './global-setup.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const smallFile = path.join(root, 'test/fixtures/graphs/small.json');
const secondFile = path.join(root, 'test/fixtures/graphs/second.json');
const small = JSON.parse(readFileSync(smallFile, 'utf8'));
const second = JSON.parse(readFileSync(secondFile, 'utf8'));
const server = inject('neo4j');
const BUILD_TEST_DOC = 'zhengkg_neo4j_test_report.txt';
const WEIRD_ENTERPRISE = small.nodes.find((n: { attributes: { name: string } }) => n.attributes.name.includes('DETACH DELETE')).attributes.name as string;
const WEIRD_PROJECT = small.nodes.find((n: { attributes: { name: string } }) => n.attributes.name.includes('RETURN 1')).attributes.name as string;


describe.skipIf(!server)(`Neo4j at ${server?.uri ?? '(skipped: ' + inject('neo4jSkipReason') + ')'}`, () => {
  const conn = { uri: server?.uri ?? '', user: server?.user ?? '', password: server?.password ?? '' };
  // The password travels in a 0600 file, as a user would pass it: never on the command line.
  const passwordFile = path.join(mkdtempSync(path.join(os.tmpdir(), 'zhengkg-neo4j-test-')), 'password');
  writeFileSync(passwordFile, `${conn.password}\n`, { mode: 0o600 });
  const connFlags = ['--uri', conn.uri, '--user', conn.user, '--password-file', passwordFile];
  let driver: Driver;

  const read = async (cypher: string, params: Record<string, unknown> = {}) =>
    (await driver.executeQuery(cypher, params, { routing: neo4j.routing.READ })).records.map((r) => r.toObject());
  const counts = async () => {
    const [row] = await read('CALL () { MATCH (n) RETURN count(n) AS nodes } CALL () { MATCH ()-[r]->() RETURN count(r) AS rels } RETURN nodes, rels');
    return { nodes: Number(row.nodes), rels: Number(row.rels) };
  };

  beforeAll(async () => {
    driver = neo4j.driver(conn.uri, neo4j.auth.basic(conn.user, conn.password), { disableLosslessIntegers: true });
    // The tests empty the database; make sure it holds nothing but what they (or an earlier run) loaded:
    // every node must come only from the test documents.
    const [{ foreign }] = await read(FOREIGN_NODES, { docs: TEST_DOCS });
    if (Number(foreign) > 0) {
      throw new Error(`refusing to empty ${conn.uri}: it holds ${foreign} nodes that are not test fixtures; point NEO4J_URI at an empty database`);
    }
    await driver.executeQuery('MATCH (n) DETACH DELETE n');
  });

  afterAll(async () => {
    await driver?.close();
    rmSync(path.dirname(passwordFile), { recursive: true, force: true });
  });

  describe('kg load', () => {
    let first: LoadStats;

    it('loads the fixture: nodes, relationships, communities, constraints', async () => {
      first = await loadGraphFile(smallFile, { ...conn, batchSize: 7, progress: () => {} });
      expect(first.nodes).toBe(20);
      expect(first.relationships).toBe(27);
      expect(first.communities).toBe(3);
      expect(first.relationshipsPerSecond).toBeGreaterThan(0);
      // 20 entities + 3 Community nodes; 27 relationships + one IN_COMMUNITY per entity.
      expect(await counts()).toEqual({ nodes: 23, rels: 47 });
      expect(first.database).toEqual({ nodes: 23, entities: 20, communities: 3, relationships: 47 });
      console.log(`fixture load rate: ${first.nodesPerSecond.toFixed(1)} nodes/s, ${first.relationshipsPerSecond.toFixed(1)} relationships/s`);

      const constraints = await read('SHOW CONSTRAINTS YIELD labelsOrTypes, properties, type RETURN labelsOrTypes[0] AS label, properties[0] AS property, type');
      const unique = constraints.filter((c) => String(c.type).includes('UNIQUENESS')).map((c) => `${c.label}.${c.property}`).sort();
      expect(unique).toEqual(['Area.name', 'Community.id', 'Document.name', 'Enterprise.name', 'Industry.name', 'Meeting.name', 'Organization.name', 'Person.name', 'Place.name', 'Project.name'].sort());
    });

    it('a relationship row whose end has gone (deleted mid-load) writes nothing, and the statement counts it, so the loader can refuse', async () => {
      // Two nodes not linked yet, so the one row that does match creates an edge that can be removed again.
      const [{ org, place }] = await read('MATCH (o:Organization), (p:Place) WHERE NOT (o)-[:LOCATED_IN]->(p) RETURN {id: elementId(o)} AS org, {id: elementId(p)} AS place LIMIT 1');
      const before = await counts();
      const row = { title: null, basis: null, sentence: 's', evidence: ['{"doc":"d","start":0,"end":1}'] };
      const statement = mergeRelsStatement('LOCATED_IN');
      const written = async (rows: unknown[]) => Number((await driver.executeQuery(statement, { rows })).records[0].get('written'));
      // The id of a deleted node matches nothing; the other row is written.
      const goneId = (await driver.executeQuery('CREATE (o:Organization {name: $name}) WITH o, elementId(o) AS id DELETE o RETURN id', { name: 'zhengkg test: deleted' })).records[0].get('id');
      expect(await written([relRowValues({ ...row, sourceId: goneId, targetId: place.id }), relRowValues({ ...row, sourceId: org.id, targetId: place.id })])).toBe(1);
      expect((await counts()).nodes).toBe(before.nodes);
      await driver.executeQuery('MATCH (:Organization)-[r:LOCATED_IN]->(:Place) WHERE r.sentence = $s DELETE r', { s: 's' });
      expect(await counts()).toEqual(before);
      expect(new VanishedNodesError('LOCATED_IN', 1).message).toMatch(/^1 LOCATED_IN relationship\(s\) found no node at one end: .*rerun the load$/);
    });

    it('gives a Place its level as a second label and keeps aliases, docs and evidence', async () => {
      const [city] = await read('MATCH (p:Place {name: $name}) RETURN labels(p) AS labels, p.level AS level, p.aliases AS aliases, p.docs AS docs, p.community AS community', { name: '青岚市' });
      expect([...city.labels].sort()).toEqual(['City', 'Place']);
      expect(city.level).toBe('city');
      expect(city.aliases).toEqual(['青岚']);
      expect(city.docs).toEqual(['qinglan_report.txt']);
      expect(city.community).toBe(0);
      const [county] = await read('MATCH (p:County) RETURN p.name AS name');
      expect(county.name).toBe('柏溪区');
    });

    it('gives Community nodes an id, a size and a label of their top members, and no name: a match by name finds only the entity', async () => {
      const byName = await read('MATCH (n {name: $name}) RETURN labels(n) AS labels', { name: '青岚市' });
      expect(byName.map((r) => [...r.labels].sort())).toEqual([['City', 'Place']]);
      const communities = await read('MATCH (c:Community) RETURN c.id AS id, c.size AS size, c.label AS label, keys(c) AS keys ORDER BY id');
      expect(communities.map((c) => c.id)).toEqual([0, 1, 2]);
      for (const c of communities) expect([...c.keys].sort()).toEqual(['id', 'label', 'size']);
      expect(communities[0].label).toMatch(/^青岚市 · .+ · .+$/);
      const [{ members }] = await read('MATCH (c:Community {id: 0})<-[:IN_COMMUNITY]-(m) RETURN count(m) AS members');
      expect(communities[0].size).toBe(members);
    });

    it('stores on each relationship its source sentence and evidence (where it was seen), and no docs list of its own', async () => {
      const [edge] = await read(
        'MATCH (:Person {name: $person})-[r:HOLDS_POSITION {title: $title}]->(o:Organization) RETURN o.name AS org, r.sentence AS sentence, r.docs AS docs, r.evidence AS evidence',
        { person: '周明远', title: '市长' },
      );
      expect(edge.org).toBe('青岚市人民政府');
      expect(edge.sentence).toBe('市委副书记、市长周明远作政府工作报告。');
      expect(edge.docs).toBeNull();
      expect(edge.evidence).toHaveLength(1);
      expect(JSON.parse(edge.evidence[0])).toEqual({ doc: 'qinglan_report.txt', start: expect.any(Number), end: expect.any(Number) });
      const titles = await read('MATCH (:Person {name: $p})-[r:HOLDS_POSITION]->() RETURN r.title AS t ORDER BY t', { p: '周明远' });
      expect(titles.map((t) => t.t)).toEqual(['副书记', '市长']);
    });

    it('loads and reads back names with quotes, backticks, newlines, backslashes, braces and Cypher keywords unchanged', async () => {
      const rows = await read('MATCH (e:Enterprise {name: $name})-[r:UNDERTAKES]->(p:Project) RETURN e.name AS e, p.name AS p, r.sentence AS s', { name: WEIRD_ENTERPRISE });
      expect(rows).toHaveLength(1);
      expect(rows[0].e).toBe(WEIRD_ENTERPRISE);
      expect(rows[0].p).toBe(WEIRD_PROJECT);
      expect(rows[0].s).toContain('\\附件}');
      expect(await counts()).toEqual({ nodes: 23, rels: 47 }); // nothing was deleted by the name
    });

    it('is idempotent: loading the same graph again leaves identical counts and no duplicated evidence', async () => {
      const before = await read('MATCH (n) WHERE NOT n:Community RETURN n.name AS name, size(n.evidence) AS ev, size(n.aliases) AS al ORDER BY name');
      await loadGraphFile(smallFile, { ...conn, progress: () => {} });
      expect(await counts()).toEqual({ nodes: 23, rels: 47 });
      const after = await read('MATCH (n) WHERE NOT n:Community RETURN n.name AS name, size(n.evidence) AS ev, size(n.aliases) AS al ORDER BY name');
      expect(after).toEqual(before);
      const [edge] = await read('MATCH (:Person {name: $p})-[r:HOLDS_POSITION {title: $t}]->() RETURN size(r.evidence) AS n', { p: '周明远', t: '市长' });
      expect(edge.n).toBe(1);
    });

    it('merges a second graph into the first: new things added, shared ones unioned', async () => {
      await loadGraphFile(secondFile, { ...conn, progress: () => {} });
      // 20 + 2 new entities (顾长风, 钢联二期冷轧) + Community 0,1,2,5,6; 27 + 2 new relationships + 22 IN_COMMUNITY.
      expect(await counts()).toEqual({ nodes: 27, rels: 51 });
      const [steel] = await read('MATCH (e:Enterprise {name: $n}) RETURN e.aliases AS aliases, e.docs AS docs, size(e.evidence) AS ev, e.community AS community', { n: '青岚钢联集团' });
      expect([...steel.aliases].sort()).toEqual(['钢联', '青岚钢联'].sort());
      expect(steel.docs).toEqual(['qinglan_report.txt', 'qinglan_news.txt']);
      expect(steel.ev).toBe(2);
      expect(steel.community).toBe(6);
      const [edge] = await read(
        'MATCH (:Person {name: $p})-[r:HOLDS_POSITION {title: $t}]->() RETURN r.evidence AS evidence, r.sentence AS sentence',
        { p: '周明远', t: '市长' },
      );
      expect(edge.evidence.map((e: string) => JSON.parse(e).doc)).toEqual(['qinglan_report.txt', 'qinglan_news.txt']);
      expect(edge.sentence).toBe('市委副书记、市长周明远作政府工作报告。');
      const projects = await read('MATCH (:Enterprise {name: $n})-[:UNDERTAKES]->(p) RETURN p.name AS p ORDER BY p', { n: '青岚钢联集团' });
      expect(projects.map((p) => p.p)).toEqual(['钢联二期冷轧', '钢联高纯铁']);
      const [membership] = await read('MATCH (:Person {name: $p})-[:IN_COMMUNITY]->(c) RETURN collect(c.id) AS ids', { p: '周明远' });
      expect(membership.ids).toEqual([5]); // one community per node: the last graph's

      await loadGraphFile(secondFile, { ...conn, progress: () => {} });
      expect(await counts()).toEqual({ nodes: 27, rels: 51 });
    });

    it('kg load on the command line prints the load rate', async () => {
      const run = await runKg(['load', smallFile, ...connFlags, '--batch-size', '5']);
      expect(run.stderr).toMatch(/loaded 20 entity nodes in [\d.]+ s \([\d.]+ nodes\/s\), 27 relationships in [\d.]+ s \([\d.]+ relationships\/s\) and 3 community nodes into /);
      // After the second graph: 22 entities and Community nodes 0, 1, 2, 5, 6, counted apart.
      expect(run.stderr).toMatch(/the database now holds 22 entity nodes, 5 community nodes and 51 relationships$/m);
      expect(run.code).toBe(0);
      expect(await counts()).toEqual({ nodes: 27, rels: 51 });
    });
  });

  describe('the query library', () => {
    type Rows = Array<Record<string, unknown>>;
    // One case per cypher/*.cypher file; a file without a case fails the first test.
    const cases: Record<string, Array<{ params: Record<string, string>; check: (rows: Rows) => void }>> = {
      'who-oversees': [
        {
          params: { name: '韩思齐' },
          check: (rows) => {
            expect(rows.map((r) => `${r.relation}|${r.as}|${r.target}`).sort()).toEqual([
              'HOLDS_POSITION|副市长|青岚市人民政府', 'OVERSEES|分管|青岚市发展和改革委员会', 'OVERSEES|负责|人防', 'OVERSEES|负责|港口航运',
            ]);
            expect(rows.find((r) => r.target === '人防')!.sentence).toBe('韩思齐：负责港口航运、人防方面工作。');
          },
        },
        {
          params: { name: '港口航运' }, // an area: who oversees it
          check: (rows) => expect(rows.map((r) => [r.person, r.as])).toEqual([['韩思齐', '负责']]),
        },
        {
          params: { name: '市政府' }, // an organisation by its alias: who holds posts there
          check: (rows) => expect(rows.map((r) => `${r.person}:${r.as}`).sort()).toEqual(['周明远:市长', '韩思齐:副市长', '顾长风:副市长'].sort()),
        },
      ],
      posts: [
        {
          params: { place: '青岚' },
          check: (rows) => {
            expect(rows.map((r) => `${r.organization}|${r.title}|${r.person}`)).toEqual(expect.arrayContaining([
              '青岚市人民政府|市长|周明远', '中共青岚市委|副书记|周明远', '中共青岚市委|书记|沈若兰', '青岚市人民政府|副市长|顾长风',
            ]));
            expect(rows).toHaveLength(5);
          },
        },
      ],
      'enterprise-projects': [
        {
          params: { enterprise: '钢联' },
          check: (rows) => {
            expect(rows.map((r) => r.project)).toEqual(['钢联二期冷轧', '钢联高纯铁']);
            expect(rows[1].sentence).toBe('以青岚钢联集团为链主，实施钢联高纯铁项目。');
            expect(rows[1].industries).toEqual(['特种合金']);
            expect(rows[1].docs).toEqual(['qinglan_report.txt']); // read back out of the evidence
          },
        },
        {
          params: { industry: '智能装备' },
          check: (rows) => expect(rows.map((r) => [r.enterprise, r.project])).toEqual([['岚光科技', '岚光智能装备产业园']]),
        },
        {
          params: { place: '柏溪' }, // a place by its alias
          check: (rows) => expect(rows.length).toBeGreaterThan(0),
        },
        {
          params: { place: '青岚市' }, // 柏溪区 is PART_OF 青岚市, so its enterprises count
          check: (rows) => expect(new Set(rows.map((r) => r.enterprise))).toEqual(new Set(['青岚钢联集团', '岚光科技', WEIRD_ENTERPRISE])),
        },
        {
          params: { enterprise: WEIRD_ENTERPRISE },
          check: (rows) => expect(rows.map((r) => [r.enterprise, r.project])).toEqual([[WEIRD_ENTERPRISE, WEIRD_PROJECT]]),
        },
      ],
      meeting: [
        {
          params: { name: '市三届人大二次会议' },
          check: (rows) => {
            expect(rows.map((r) => `${r.role}|${r.person}`)).toEqual(['PRESIDES|沈若兰', 'ADDRESSES|周明远', 'ATTENDS|韩思齐']);
            expect(rows[1].title).toBe('政府工作报告');
            expect(rows[0].meeting).toBe('青岚市第三届人民代表大会第二次会议');
          },
        },
      ],
      community: [
        {
          params: { id: '2' },
          check: (rows) => expect(rows.map((r) => r.member).sort()).toEqual([WEIRD_ENTERPRISE, WEIRD_PROJECT].sort()),
        },
        {
          params: { name: '钢联' }, // a member by its alias
          check: (rows) => {
            expect(rows.every((r) => r.community === 1)).toBe(true);
            expect(String(rows[0].label)).toContain(' · ');
          },
        },
        {
          params: { name: '沈若兰' }, // the community a member is in
          check: (rows) => {
            expect(rows.every((r) => r.community === 0)).toBe(true);
            expect(rows.map((r) => r.member)).toContain('中共青岚市委');
            // The CLI test reloaded the first graph last, which put 周明远 back into community 0;
            // 顾长风, only in the second graph, stays in 5. Each member is listed once.
            const members = rows.map((r) => r.member);
            expect(members).toContain('周明远');
            expect(members).not.toContain('顾长风');
            expect(new Set(members).size).toBe(members.length);
          },
        },
      ],
      path: [
        {
          params: { from: '市委', to: '钢联' }, // both ends by alias
          check: (rows) => expect(String(rows[0].path)).toMatch(/^中共青岚市委 .* 青岚钢联集团$/),
        },
        {
          params: { from: '沈若兰', to: '钢联高纯铁' },
          check: (rows) => {
            expect(rows[0].hops).toBe(4);
            expect(String(rows[0].path)).toMatch(/^沈若兰 -\[HOLDS_POSITION\]-> 中共青岚市委 .* 钢联高纯铁$/);
            expect(rows[0].sentences).toHaveLength(4);
          },
        },
      ],
    };

    it('has a test case for every query file', () => {
      expect(listQueries().map((q) => q.name).sort()).toEqual(Object.keys(cases).sort());
    });

    for (const [name, list] of Object.entries(cases)) {
      for (const { params, check } of list) {
        it(`${name} ${JSON.stringify(params)}`, async () => {
          const query = listQueries().find((q) => q.name === name)!;
          const result = await runQuery(driver, conn, query, bindParams(query, params));
          expect(result.rows.length).toBeGreaterThan(0);
          check(result.rows);
        });
      }
    }

    it('kg query prints a table, and JSON with --json; a weird name passes through argv intact', async () => {
      const table = await runKg(['query', 'meeting', '--param', 'name=青岚市第三届人民代表大会第二次会议', ...connFlags]);
      expect(table.code).toBe(0);
      const lines = table.stdout.trim().split('\n');
      expect(lines[0]).toMatch(/^meeting\s+│ role\s+│ person/);
      expect(lines.some((l) => l.includes('PRESIDES') && l.includes('沈若兰'))).toBe(true);
      expect(lines.at(-1)).toBe('(3 rows)');

      const json = await runKg(['query', 'enterprise-projects', '--param', `enterprise=${WEIRD_ENTERPRISE}`, '--json', ...connFlags]);
      expect(json.code).toBe(0);
      const parsed = JSON.parse(json.stdout);
      expect(parsed.rows).toEqual([expect.objectContaining({ enterprise: WEIRD_ENTERPRISE, project: WEIRD_PROJECT })]);
    });

    it('every name parameter of every query matches an alias as well as the canonical name', () => {
      const aliasCases = new Set(Object.entries(cases).flatMap(([name, list]) => list.flatMap(({ params }) => Object.entries(params)
        .filter(([, v]) => small.nodes.some((n: { attributes: { aliases: string[] } }) => n.attributes.aliases.includes(v)))
        .map(([p]) => `${name}.${p}`))));
      const nameParams = listQueries().flatMap((q) => q.params.filter((p) => p.type === 'name').map((p) => `${q.name}.${p.name}`));
      expect(nameParams.length).toBeGreaterThanOrEqual(9);
      // Each is exercised by an alias in the cases above; the fixture's industries have no aliases.
      expect(nameParams.filter((p) => !aliasCases.has(p))).toEqual(['enterprise-projects.industry']);
    });

    it('a name that matches nothing: "no entity named …; did you mean: …" with the closest names, exit 3', async () => {
      const meeting = await runKg(['query', 'meeting', '--param', 'name=市三届人大二次大会', ...connFlags]);
      expect(meeting.code).toBe(3);
      expect(meeting.stdout).toBe('');
      expect(meeting.stderr.trim().split('\n')).toEqual([
        'kg query meeting: no Meeting entity named "市三届人大二次大会" (--param name); did you mean: 青岚市第三届人民代表大会第二次会议',
      ]);
      const person = await runKg(['query', 'who-oversees', '--param', 'name=韩思奇', ...connFlags]);
      expect(person.code).toBe(3);
      expect(person.stderr).toMatch(/no Person or Organization or Area entity named "韩思奇" \(--param name\); did you mean: 韩思齐(,|$)/m);
      // A name that exists but has no rows is an empty answer, not an error.
      const empty = await runKg(['query', 'posts', '--param', 'place=柏溪区', ...connFlags]);
      expect(empty.code).toBe(0);
      expect(empty.stdout.trim().split('\n').at(-1)).toBe('(0 rows)');
      const far = await runKg(['query', 'path', '--param', 'from=沈若兰', '--param', 'to=xyz', ...connFlags]);
      expect(far.code).toBe(3);
      expect(far.stderr).toContain('no entity named "xyz" (--param to); no name shares a character with it');
    });

    it('kg query without a name lists the queries; a missing parameter is one line', async () => {
      const list = await runKg(['query']);
      expect(list.code).toBe(0);
      for (const q of listQueries()) expect(list.stdout).toContain(q.name);
      const missing = await runKg(['query', 'posts', ...connFlags]);
      expect(missing.code).toBe(2);
      expect(missing.stderr.trim()).toBe('kg: query posts needs --param place=… (a place: canonical name (e.g. a city with its suffix) or alias)');
    });
  });

  describe('connection failures are one line, no stack, non-zero exit', () => {
    const oneLine = (run: Run, pattern: RegExp) => {
      expect(run.code).not.toBe(0);
      const lines = run.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(pattern);
      expect(run.stderr).not.toMatch(/^\s+at /m);
    };

    it('unreachable URI / server down', async () => {
      oneLine(await runKg(['load', smallFile, '--uri', 'bolt://127.0.0.1:9', '--password-file', passwordFile]), /^kg: cannot reach Neo4j at bolt:\/\/127\.0\.0\.1:9: .*ECONNREFUSED/);
      oneLine(await runKg(['query', 'posts', '-p', 'place=青岚', '--uri', 'bolt://127.0.0.1:9']), /^kg: cannot reach Neo4j at bolt:\/\/127\.0\.0\.1:9/);
    });

    it('a URI that is not Bolt', async () => {
      oneLine(await runKg(['load', smallFile, '--uri', 'http://127.0.0.1:7474']), /^kg: invalid Neo4j URI "http:\/\/127\.0\.0\.1:7474"/);
    });

    it('missing database', async () => {
      oneLine(await runKg(['load', smallFile, ...connFlags, '--database', 'nosuchdb']), /^kg: Neo4j at .* has no database "nosuchdb"$/);
    });

    it('wrong password (the server enforces it); the password from the environment works', async () => {
      oneLine(await runKg(['load', smallFile, '--uri', conn.uri, '--user', conn.user], { env: { NEO4J_PASSWORD: 'not-the-password' } }),
        /^kg: Neo4j at .* refused user ".*": wrong user name or password \(password from \$NEO4J_PASSWORD\)/);
      const viaEnv = await runKg(['query', 'community', '-p', 'id=2', '--uri', conn.uri], { env: { NEO4J_USER: conn.user, NEO4J_PASSWORD: conn.password } });
      expect(viaEnv.code).toBe(0);
    });

    it('a password on the command line works, with a warning that offers the environment or a file', async () => {
      const run = await runKg(['query', 'community', '-p', 'id=2', '--uri', conn.uri, '--user', conn.user, '--password', conn.password]);
      expect(run.code).toBe(0);
      expect(run.stderr.trim()).toBe('kg: warning: a password on the command line is visible to other users of this machine (ps); use $NEO4J_PASSWORD or --password-file <file>');
    });

    it('--verbose adds the stack', async () => {
      const run = await runKg(['--verbose', 'load', smallFile, '--uri', 'bolt://127.0.0.1:9']);
      expect(run.code).not.toBe(0);
      expect(run.stderr).toMatch(/^\s+at /m);
    });
  });

  describe('kg build --neo4j', () => {
    it('builds a graph from a text and loads it in one go, with the file as a Document that MENTIONS every entity it names', async () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'zhengkg-build-neo4j-'));
      try {
        mkdirSync(path.join(dir, 'in'));
        writeFileSync(path.join(dir, 'in', BUILD_TEST_DOC), '青岚市人民政府工作报告\n市委副书记、市长周明远代表市人民政府作政府工作报告。青岚钢联集团实施钢联高纯铁项目。\n2024年1月5日\n', 'utf8');
        const run = await runKg(['build', path.join(dir, 'in'), '--out', path.join(dir, 'out'), '--neo4j', conn.uri],
          { env: { NEO4J_USER: conn.user, NEO4J_PASSWORD: conn.password } });
        expect(run.stderr).toMatch(/loaded \d+ entity nodes in .* relationships\/s/);
        expect(run.code).toBe(0);
        const [{ docs }] = await read('MATCH (n) WHERE $doc IN n.docs RETURN count(n) AS docs', { doc: BUILD_TEST_DOC });
        expect(docs).toBeGreaterThan(0);

        // Provenance: the file is a Document node, and every entity it names is reachable from it.
        const documents = await read('MATCH (d:Document {name: $doc}) RETURN d.title AS title, d.date AS date, d.community AS community', { doc: BUILD_TEST_DOC });
        expect(documents).toEqual([{ title: '青岚市人民政府工作报告', date: '2024-01-05', community: null }]);
        const [{ entities, unreached }] = await read(
          'MATCH (n) WHERE $doc IN n.docs AND NOT n:Document RETURN count(n) AS entities, count(CASE WHEN NOT EXISTS { (:Document {name: $doc})-[:MENTIONS]->(n) } THEN 1 END) AS unreached',
          { doc: BUILD_TEST_DOC });
        expect(entities).toBeGreaterThanOrEqual(2);
        expect(unreached).toBe(0);
        // A document is not a community member, and a reload adds no second Document.
        expect(await read('MATCH (:Document)-[:IN_COMMUNITY]->(c) RETURN c')).toEqual([]);
        const before = await counts();
        await loadGraphFile(path.join(dir, 'out', 'graph.json'), { ...conn, progress: () => {} });
        expect(await counts()).toEqual(before);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('takes --user, --password-file and --database as kg load does', async () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'zhengkg-build-neo4j-'));
      try {
        mkdirSync(path.join(dir, 'in'));
        writeFileSync(path.join(dir, 'in', BUILD_TEST_DOC), '青岚市人民政府工作报告\n市委副书记、市长周明远代表市人民政府作政府工作报告。\n', 'utf8');
        const build = (extra: string[]) => runKg(['build', path.join(dir, 'in'), '--out', path.join(dir, 'out'), '--no-progress', '--neo4j', conn.uri, ...extra],
          { env: { NEO4J_USER: '', NEO4J_PASSWORD: '', NEO4J_DATABASE: '' } });
        const ok = await build(['--user', conn.user, '--password-file', passwordFile, '--database', 'neo4j']);
        expect(ok.stderr).toMatch(/loaded \d+ entity nodes in .* relationships\/s/);
        expect(ok.code).toBe(0);
        const missing = await build(['--user', conn.user, '--password-file', passwordFile, '--database', 'nosuchdb']);
        expect(missing.code).toBe(1);
        expect(missing.stderr.trim().split('\n').at(-1)).toMatch(/^kg: Neo4j at .* has no database "nosuchdb"$/);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  describe('Neo4j Browser', () => {
    const chromium = '/usr/bin/chromium';
    const CHROMIUM_OPTIONS = {
      executablePath: chromium,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      viewport: { width: 1400, height: 900 },
    };
    /** Opens Browser on the test server and logs in: the page and Browser's base address. */
    const connectBrowser = async (context: import('playwright-core').BrowserContext) => {
      const page = context.pages()[0] ?? (await context.newPage());
      const base = server!.browserUrl.replace(/\/?$/, '/');
      await page.goto(`${base}?dbms=${encodeURIComponent(conn.uri)}`, { waitUntil: 'domcontentloaded' });
      await page.getByTestId('username').fill(conn.user, { timeout: 60_000 });
      await page.getByTestId('password').fill(conn.password);
      await page.getByTestId('connect').click();
      // Connected: the "connect" form gives way to the editor and the status frame.
      await page.getByText(/You are connected as user/i).first().waitFor({ timeout: 60_000 });
      return { page, base };
    };
    it('opens in headless Chromium, connects over Bolt, draws a query result with style.grass, and saves a screenshot', async () => {
      if (!existsSync(chromium)) throw new Error(`${chromium} is missing: apt-get install -y chromium (or set ZHENGKG_SKIP_NEO4J=1)`);
      const { chromium: playwright } = await import('playwright-core');
      const profile = mkdtempSync(path.join(os.tmpdir(), 'zhengkg-chromium-'));
      const outDir = path.join(root, 'test-output');
      mkdirSync(outDir, { recursive: true });
      const screenshot = path.join(outDir, 'browser.png');
      rmSync(screenshot, { force: true });
      const context = await playwright.launchPersistentContext(profile, CHROMIUM_OPTIONS);
      try {
        const { page, base } = await connectBrowser(context);

        const editor = page.getByTestId('activeEditor');
        await editor.click();
        await page.keyboard.type('MATCH p = (:Person)-[:HOLDS_POSITION|OVERSEES|PRESIDES|ADDRESSES|ATTENDS]->() RETURN p');
        await page.keyboard.press('Control+Enter');

        // The graph view draws one <g class="node"> per node.
        const nodes = page.locator('svg g.node');
        await nodes.first().waitFor({ timeout: 60_000 });
        await page.waitForTimeout(3000); // let the force layout settle before the picture
        expect(await nodes.count()).toBeGreaterThanOrEqual(8);

        // post_connect_cmd applied cypher/style.grass: Person nodes carry its colour.
        const fills = await page.locator('svg g.node circle.b-outline').evaluateAll((els) => els.map((e) => e.getAttribute('fill')));
        expect(fills.map((f) => String(f).toUpperCase())).toContain('#F79767');
        const captions = await page.locator('svg g.node text').allTextContents();
        expect(captions.join(' ')).toContain('周明远');

        await page.screenshot({ path: screenshot });
        expect(statSync(screenshot).size).toBeGreaterThan(20_000);
      } finally {
        await context.close();
        rmSync(profile, { recursive: true, force: true });
      }
    }, 180_000);

    // Each visual query of cypher/browser/, run from the guide's slides as a user would: the slide's
    // ▶ buttons set the parameters and draw the graph. The pictures go to docs/screenshots/.
    it('opens the guide with :play; every slide draws its graph, captions of up to eight characters whole, Community nodes only when asked', async () => {
      if (!existsSync(chromium)) throw new Error(`${chromium} is missing: apt-get install -y chromium (or set ZHENGKG_SKIP_NEO4J=1)`);
      const { chromium: playwright } = await import('playwright-core');
      const { listQueries } = await import('../../src/load/queries.js');
      const shots = path.join(root, 'docs/screenshots');
      mkdirSync(shots, { recursive: true });
      const [{ community }] = await read("MATCH (:Person {name: '周明远'})-[:IN_COMMUNITY]->(c:Community) RETURN c.id AS community");
      // Names from the fixtures (the guide's own examples are the README's examples/ corpus).
      const params: Record<string, Record<string, string>> = {
        person: { name: '周明远' },
        enterprise: { name: '青岚钢联集团' },
        meeting: { name: '青岚市第三届人民代表大会第二次会议' },
        community: { id: String(community) },
        document: { name: BUILD_TEST_DOC },
      };
      const queries = new Map(listQueries(path.join(root, 'cypher/browser')).map((q) => [q.name, q]));
      const profile = mkdtempSync(path.join(os.tmpdir(), 'zhengkg-chromium-'));
      const context = await playwright.launchPersistentContext(profile, CHROMIUM_OPTIONS);
      try {
        const { page, base } = await connectBrowser(context);

        // The post-connect :style has run once Browser has the server's settings, its allowlist of guide hosts among them.
        await page.getByTestId('frameCommand').filter({ hasText: 'style.grass' }).first().waitFor({ timeout: 60_000 });
        await page.getByTestId('activeEditor').click();
        await page.keyboard.type(`:play ${base}guide.html`);
        await page.keyboard.press('Control+Enter');
        const guide = page.getByTestId('frame').filter({ has: page.getByTestId('carousel') });
        await guide.getByText('zhengkg: the graph in pictures').waitFor({ timeout: 30_000 });

        for (const name of ['person', 'enterprise', 'meeting', 'community', 'document']) {
          await guide.getByTestId('nextSlide').click();
          await guide.locator('h3:visible', { hasText: new RegExp(`^${name}$`) }).waitFor();
          const query = queries.get(name)!;
          for (const [param, value] of Object.entries(params[name])) {
            const input = guide.locator(`input[value-for="${name}-${param}"]:visible`);
            await input.fill(value);
            await input.press('End'); // Browser copies the box into the :param block on keyup
          }
          const blocks = guide.locator('pre.runnable:visible');
          expect(await blocks.count()).toBe(query.params.length + 1);
          const frames = page.getByTestId('frame');
          for (let i = 0; i < query.params.length + 1; i++) {
            const before = await frames.count();
            await blocks.nth(i).locator('i.fa-play-circle-o').click();
            await expect.poll(() => frames.count(), { timeout: 30_000 }).toBeGreaterThan(before);
          }

          // What the query returns, asked directly: the picture must hold exactly these nodes.
          const bound = Object.fromEntries(Object.entries(params[name]).map(([k, v]) => [k, k === 'id' ? neo4j.int(v) : v]));
          const result = await driver.executeQuery(query.text, bound, { routing: neo4j.routing.READ });
          const expected = new Map<string, { name: string; labels: string[] }>();
          for (const record of result.records) for (const value of record.values()) {
            const found = value === null ? [] : 'segments' in (value as object) ? [(value as { start: unknown }).start, ...(value as { segments: Array<{ end: unknown }> }).segments.map((s) => s.end)] : [value];
            for (const n of found as Array<{ elementId: string; labels: string[]; properties: { name?: string; id?: number } }>) {
              expected.set(n.elementId, { name: String(n.properties.name ?? n.properties.id), labels: n.labels });
            }
          }
          expect(expected.size, name).toBeGreaterThanOrEqual(3);

          const frame = frames.first();
          const drawn = frame.locator('svg g.node');
          await drawn.first().waitFor({ timeout: 60_000 });
          await page.waitForTimeout(3000); // let the force layout settle before the picture
          expect(await drawn.count(), `${name}: nodes drawn`).toBe(expected.size);
          const captions = (await frame.locator('svg g.node text').allTextContents()).map((t) => t.trim());
          for (const n of expected.values()) {
            if (!n.labels.includes('Community') && n.name.length <= 8) expect(captions, `${name}: caption of ${n.name}`).toContain(n.name);
          }
          const fills = (await frame.locator('svg g.node circle.b-outline').evaluateAll((els) => els.map((e) => String(e.getAttribute('fill')).toUpperCase())));
          // Community nodes (style.grass: #ECB5C9) appear only where the query asks for them.
          expect(fills.includes('#ECB5C9'), `${name}: Community drawn`).toBe(name === 'community');
          await page.screenshot({ path: path.join(shots, `${name}.png`) });
          expect(statSync(path.join(shots, `${name}.png`)).size).toBeGreaterThan(20_000);
        }
      } finally {
        await context.close();
        rmSync(profile, { recursive: true, force: true });
      }
    }, 300_000);
  });

});
