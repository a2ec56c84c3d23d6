// Neo4j part of the benchmark: the batched loader of src/load (via dist/) against a naive
// loader that writes one row per transaction, on the same graph and the same server.
//
// The naive loader is ours (bench only): the same MERGE/SET semantics as the batched
// statements, but one node or one relationship per statement and per transaction, sent one
// after another, which is what a first-attempt loader does.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import neo4j from 'neo4j-driver';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = (p) => import(path.join(repo, 'dist', p));

// ---------------------------------------------------------------- server

/**
 * The server to use: $NEO4J_URI when set (used as is, never stopped), else a private
 * instance started with `npm run neo4j:start` under bench-output/neo4j on its own ports,
 * so the benchmark never wipes the database other people use on the default port.
 */
export async function acquireNeo4j({ port = 7697, httpPort = 7484, log = console.error } = {}) {
  // Credentials as kg finds them: the environment, else the server's own password file.
  const { resolveConnection } = await dist('load/connection.js');
  if (process.env.NEO4J_URI) {
    log(`neo4j: using $NEO4J_URI=${process.env.NEO4J_URI} (its database will be emptied between runs)`);
    const { uri, user, password } = resolveConnection({});
    return { uri, user, password, stop: async () => undefined, started: false };
  }
  const env = {
    ...process.env,
    ZHENGKG_NEO4J_HOME: path.join(repo, 'bench-output', 'neo4j'),
    NEO4J_BOLT_PORT: String(port),
    NEO4J_HTTP_PORT: String(httpPort),
    NEO4J_HEAP: process.env.NEO4J_HEAP || '2g',
  };
  const npm = (cmd) => spawnSync('npm', ['run', '--silent', `neo4j:${cmd}`], { cwd: repo, env, encoding: 'utf8' });
  const already = npm('status').status === 0;
  if (!already) {
    log(`neo4j: starting a private server on bolt://127.0.0.1:${port} (npm run neo4j:start, home bench-output/neo4j) …`);
    const started = performance.now();
    const r = npm('start');
    if (r.status !== 0) {
      return { error: `npm run neo4j:start failed: ${(r.stderr || r.stdout || '').trim().split('\n').slice(-3).join(' | ')}` };
    }
    log(`neo4j: ready in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  } else {
    log(`neo4j: private server on port ${port} already running; leaving it running afterwards`);
  }
  const { uri, user, password } = resolveConnection({}, { ...env, NEO4J_URI: '' });
  return {
    uri, user, password, started: !already, home: env.ZHENGKG_NEO4J_HOME,
    stop: async () => {
      if (already) return;
      const r = npm('stop');
      log(`neo4j: ${(r.stdout || r.stderr).trim()}`);
    },
  };
}

export function openDriver(server) {
  return neo4j.driver(server.uri, neo4j.auth.basic(server.user, server.password), {
    disableLosslessIntegers: true, userAgent: 'zhengkg-bench',
  });
}

/** Empties the database: parameterised deletes in batches of their own transactions (constraints stay). */
export async function wipe(driver, batch = 10000) {
  const session = driver.session();
  try {
    // Relationships first: a node's DETACH DELETE takes all its relationships into the same transaction,
    // and 10,000 nodes that include Documents with thousands of MENTIONS each overflow the memory pool.
    await session.run('MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF $batch ROWS', { batch: neo4j.int(batch * 5) });
    await session.run('MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF $batch ROWS', { batch: neo4j.int(batch) });
    const r = await session.run('MATCH (n) RETURN count(n) AS n');
    const left = Number(r.records[0].get('n'));
    if (left !== 0) throw new Error(`wipe left ${left} nodes`);
  } finally {
    await session.close();
  }
}

// ---------------------------------------------------------------- data

/** The first `limit` edges of an exported graph (file order) and the nodes they touch. */
export function subgraph(graph, limit) {
  const edges = graph.edges.slice(0, limit);
  const keep = new Set(edges.flatMap((e) => [e.source, e.target]));
  return { ...graph, nodes: graph.nodes.filter((n) => keep.has(n.key)), edges };
}

/** graph.json parsed; one past 256 MB (the 100 MB corpus's is 667 MB) in pieces, as `kg load` reads it. */
export async function readGraph(file) {
  const { readGraphFile } = await dist('load/graph-file.js');
  return readGraphFile(file);
}

// ---------------------------------------------------------------- loaders

/** The project's loader (src/load/load.ts): constraints, then nodes and relationships in batched UNWIND transactions. */
export async function loadBatched(server, graph) {
  const { loadGraph } = await dist('load/load.js');
  const stats = await loadGraph(graph, { uri: server.uri, user: server.user, password: server.password, progress: () => undefined });
  return {
    nodes: stats.nodes, relationships: stats.relationships,
    nodeSeconds: stats.nodeSeconds, relationshipSeconds: stats.relationshipSeconds, seconds: stats.seconds,
    relationshipsPerSecond: stats.relationshipsPerSecond, nodesPerSecond: stats.nodesPerSecond,
  };
}

/**
 * The bulk path of `kg load` (src/load/bulk.ts): CSV export, the offline importer run by the server
 * in its JVM (database stopped and started), constraints, empty lists; `steps` has each one's seconds.
 * Only on the private local server (its store is ours): with $NEO4J_URI it is skipped.
 */
export async function loadBulk(server, graph) {
  if (!server.home) return { skipped: 'not the local server' };
  const { bulkLoadLocal } = await dist('load/bulk.js');
  const { planLoad } = await dist('load/model.js');
  // findLocalServer reads the home from the environment, as `kg` would after `npm run neo4j:start` there.
  process.env.ZHENGKG_NEO4J_HOME = server.home;
  const stats = await bulkLoadLocal(planLoad(graph), { uri: server.uri, user: server.user, password: server.password, progress: () => undefined });
  return stats;
}

/** The naive loader: one statement and one transaction per node, then per relationship. */
export async function loadPerRow(server, graph) {
  const { planLoad, checkedIdentifier, NODE_LABELS, PLACE_LEVEL_LABELS, REL_TYPES, ALL_LABELS } = await dist('load/model.js');
  const { schemaStatements } = await dist('load/statements.js');
  const plan = planLoad(graph);
  const label = (t) => checkedIdentifier(NODE_LABELS[t], ALL_LABELS);
  const union = (existing, added) => `coalesce(${existing}, []) + [x IN ${added} WHERE NOT x IN coalesce(${existing}, [])]`;
  const driver = openDriver(server);
  const session = driver.session();
  try {
    for (const s of schemaStatements()) await session.run(s);
    await session.run('CALL db.awaitIndexes(300)');
    let t = performance.now();
    let nodes = 0;
    for (const group of plan.nodeGroups) {
      const labels = group.level ? `${label(group.type)}:${checkedIdentifier(PLACE_LEVEL_LABELS[group.level], ALL_LABELS)}` : label(group.type);
      const statement = [
        `MERGE (n:${labels} {name: $name})`,
        `SET n.aliases = ${union('n.aliases', '$aliases')}, n.evidence = ${union('n.evidence', '$evidence')}, n.docs = ${union('n.docs', '$docs')},`,
        '    n.community = coalesce($community, n.community), n.level = coalesce($level, n.level), n.code = coalesce($code, n.code)',
      ].join('\n');
      for (const row of group.rows) {
        const params = { ...row, community: row.community === null ? null : neo4j.int(row.community) };
        await session.executeWrite((tx) => tx.run(statement, params));
        nodes++;
      }
    }
    const nodeSeconds = (performance.now() - t) / 1000;
    t = performance.now();
    let relationships = 0;
    for (const group of plan.relGroups) {
      const identity = group.type === 'HOLDS_POSITION' ? ' {title: $title}' : '';
      const statement = [
        `MATCH (a:${label(group.sourceType)} {name: $source})`,
        `MATCH (b:${label(group.targetType)} {name: $target})`,
        `MERGE (a)-[r:${checkedIdentifier(REL_TYPES[group.type], Object.values(REL_TYPES))}${identity}]->(b)`,
        'SET r.title = coalesce($title, r.title), r.basis = coalesce($basis, r.basis), r.sentence = coalesce(r.sentence, $sentence),',
        `    r.evidence = ${union('r.evidence', '$evidence')}`,
      ].join('\n');
      for (const row of group.rows) {
        await session.executeWrite((tx) => tx.run(statement, row));
        relationships++;
      }
    }
    const relationshipSeconds = (performance.now() - t) / 1000;
    return {
      nodes, relationships, nodeSeconds, relationshipSeconds, seconds: nodeSeconds + relationshipSeconds,
      nodesPerSecond: nodes / nodeSeconds, relationshipsPerSecond: relationships / relationshipSeconds,
    };
  } finally {
    await session.close();
    await driver.close();
  }
}

/**
 * The bound of the batched loader: the same relationships through the same batching (transactions
 * of DEFAULT_BATCH_SIZE rows, pipelined statements of STATEMENT_ROWS), but MERGEd with no
 * properties at all: no evidence or sentence to send and store. Ends are matched by name (the
 * loader matches by element id, which is cheaper: this bound is, if anything, low). The nodes are
 * loaded first, untimed. What the loader does beyond this is the cost of carrying the provenance
 * on every edge.
 */
export async function loadBareRelationships(server, graph) {
  const { loadGraph, planTransactions, DEFAULT_BATCH_SIZE } = await dist('load/load.js');
  const { planLoad, checkedIdentifier, NODE_LABELS, REL_TYPES, ALL_LABELS } = await dist('load/model.js');
  await loadGraph({ ...graph, edges: [] }, { uri: server.uri, user: server.user, password: server.password, progress: () => undefined });
  const label = (t) => checkedIdentifier(NODE_LABELS[t], ALL_LABELS);
  const bare = (unit) => [
    'UNWIND $rows AS row',
    `MATCH (a:${label(unit.ends.source)} {name: row.source})`,
    `MATCH (b:${label(unit.ends.target)} {name: row.target})`,
    `MERGE (a)-[:${checkedIdentifier(REL_TYPES[unit.what], Object.values(REL_TYPES))}${unit.what === 'HOLDS_POSITION' ? ' {title: row.title}' : ''}]->(b)`,
  ].join('\n');
  // The loader's own packing: the same transactions and statements, each statement stripped to the MERGE.
  const transactions = planTransactions(planLoad(graph), DEFAULT_BATCH_SIZE).relationships.map((work) => work.map((unit) => ({
    statement: bare(unit), rows: unit.rows.map((r) => ({ source: r.source, target: r.target, title: r.title })),
  })));
  const driver = openDriver(server);
  const session = driver.session();
  try {
    const started = performance.now();
    let relationships = 0;
    for (const work of transactions) {
      await session.executeWrite((tx) => Promise.all(work.map((u) => tx.run(u.statement, { rows: u.rows }))));
      relationships += work.reduce((n, u) => n + u.rows.length, 0);
    }
    const relationshipSeconds = (performance.now() - started) / 1000;
    return { relationships, relationshipSeconds, relationshipsPerSecond: relationships / relationshipSeconds };
  } finally {
    await session.close();
    await driver.close();
  }
}

/** What the database holds: a check that both loaders wrote the same thing. */
export async function countDatabase(driver) {
  const session = driver.session();
  try {
    const r = await session.run('CALL () { MATCH (n) WHERE NOT n:Community RETURN count(n) AS nodes } CALL () { MATCH ()-[r]->() WHERE type(r) <> "IN_COMMUNITY" RETURN count(r) AS rels } RETURN nodes, rels');
    return { nodes: Number(r.records[0].get('nodes')), relationships: Number(r.records[0].get('rels')) };
  } finally {
    await session.close();
  }
}

/**
 * For one graph.json: a batched load of the whole graph, and with `perRow`, first (1) the naive
 * per-row load of the first `perRowLimit` relationships and their nodes and (2) the batched load
 * of that same subset. The database is emptied before each load and at the end. `warmUp`
 * first loads a small subset once, untimed, so that query planning and JIT on a fresh server
 * are not charged to whichever loader happens to run first.
 */
export async function benchLoad(server, graphFile, { perRow = true, perRowLimit = 2000, warmUp = false, log = console.error } = {}) {
  const graph = await readGraph(graphFile);
  const driver = openDriver(server);
  const result = {};
  try {
    if (warmUp) {
      await wipe(driver);
      await loadBatched(server, subgraph(graph, 300));
      await loadPerRow(server, subgraph(graph, 100));
    }
    if (perRow) {
      const sub = subgraph(graph, perRowLimit);
      await wipe(driver);
      log(`neo4j: per-row loader, ${sub.nodes.length} nodes + ${sub.edges.length} relationships …`);
      result.perRow = await loadPerRow(server, sub);
      result.perRow.database = await countDatabase(driver);
      await wipe(driver);
      result.batchedSubset = await loadBatched(server, sub);
      result.batchedSubset.database = await countDatabase(driver);
      result.speedupSameRows = result.batchedSubset.relationshipsPerSecond / result.perRow.relationshipsPerSecond;
    }
    await wipe(driver);
    log(`neo4j: batched loader, ${graph.nodes.length} nodes + ${graph.edges.length} relationships …`);
    result.batched = await loadBatched(server, graph);
    result.batched.database = await countDatabase(driver);
    if (result.perRow) result.speedup = result.batched.relationshipsPerSecond / result.perRow.relationshipsPerSecond;
    await wipe(driver);
    log(`neo4j: bulk import (export + stop + import + start + constraints), ${graph.edges.length} relationships …`);
    result.bulk = await loadBulk(server, graph);
    if (!result.bulk.skipped) {
      result.bulk.database = await countDatabase(driver);
      if (result.bulk.database.nodes !== result.batched.database.nodes || result.bulk.database.relationships !== result.batched.database.relationships) {
        result.bulk.mismatch = `bulk wrote ${JSON.stringify(result.bulk.database)}, batched ${JSON.stringify(result.batched.database)}`;
      }
    }
    await wipe(driver);
    log(`neo4j: bound: the same ${graph.edges.length} relationships MERGEd with no properties …`);
    result.bare = await loadBareRelationships(server, graph);
    await wipe(driver);
    return result;
  } finally {
    await driver.close();
  }
}
