// Loads an exported graph (graph.json) into Neo4j: constraints first, then nodes,
// then relationships, in batched `UNWIND $rows … MERGE` write transactions.
// MERGE on the constraint keys and list unions make a reload a no-op and a second
// graph a merge.
import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import neo4j, { type Driver, type Session } from 'neo4j-driver';
import { resolveConnection, sessionConfig, withNeo4j, explainNeo4jError, type Connection, type ConnectionOptions } from './connection.js';
import { planLoad, type LoadPlan, type NodeRow } from './model.js';
import {
  countStatement, mergeNodesStatement, mergeRelsStatement, nameCommunitiesStatement, schemaStatements, tidyCommunitiesStatement,
} from './statements.js';

export const DEFAULT_BATCH_SIZE = 1000;

export interface LoadOptions extends ConnectionOptions {
  batchSize?: number;
  /** One progress line at a time; default: stderr. */
  progress?: (line: string) => void;
}

export interface LoadStats {
  nodes: number;
  relationships: number;
  communities: number;
  nodeSeconds: number;
  relationshipSeconds: number;
  seconds: number;
  nodesPerSecond: number;
  relationshipsPerSecond: number;
  /** What the database holds afterwards (all graphs loaded so far, plus Community nodes and IN_COMMUNITY edges). */
  database: { nodes: number; relationships: number };
}

export async function loadGraphFile(file: string, options: LoadOptions = {}): Promise<LoadStats> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    throw new Error(`cannot read graph ${file}: ${String((err as Error).message ?? err).split('\n')[0]}`);
  }
  let plan: LoadPlan;
  try {
    plan = planLoad(json);
  } catch (err) {
    throw new Error(`${file} is not a valid exported graph: ${summariseInvalid(err)}`);
  }
  return loadPlan(plan, options);
}

/** Loads an already-parsed graph.json value (validated against the contract first). */
export async function loadGraph(graph: unknown, options: LoadOptions = {}): Promise<LoadStats> {
  return loadPlan(planLoad(graph), options);
}

function summariseInvalid(err: unknown): string {
  const issues = (err as { issues?: Array<{ path: PropertyKey[]; message: string }> }).issues;
  if (issues?.length) return issues.slice(0, 3).map((i) => `${i.path.map(String).join('.')}: ${i.message}`).join('; ');
  return String((err as Error).message ?? err).split('\n')[0];
}

function chunks<T>(rows: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/** Integers must go as Neo4j integers: a plain JS number is sent as a float. */
function nodeParams(rows: NodeRow[]) {
  return rows.map((r) => ({ ...r, community: r.community === null ? null : neo4j.int(r.community) }));
}

async function loadPlan(plan: LoadPlan, options: LoadOptions): Promise<LoadStats> {
  const conn = resolveConnection(options);
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  if (!Number.isInteger(batchSize) || batchSize <= 0) throw new Error('--batch-size must be a positive integer');
  const progress = options.progress ?? ((line: string) => void process.stderr.write(`${line}\n`));
  return withNeo4j(conn, async (driver) => {
    try {
      return await write(driver, conn, plan, batchSize, progress);
    } catch (err) {
      // Connection-level failures mid-load get the same one-line treatment; Cypher errors are bugs and keep their text.
      const explained = explainNeo4jError(err, conn);
      throw (err as { code?: string }).code?.startsWith('Neo.ClientError.Statement') ? err : explained;
    }
  });
}

async function write(driver: Driver, conn: Connection, plan: LoadPlan, batchSize: number, progress: (line: string) => void): Promise<LoadStats> {
  const session = driver.session(sessionConfig(conn));
  try {
    for (const statement of schemaStatements()) await session.run(statement);
    await session.run('CALL db.awaitIndexes(300)');

    const started = performance.now();
    let done = 0;
    let lastReport = 0;
    let lastLine = '';
    // At most one line a second, and the final count of each phase once.
    const report = (what: string, total: number, force = false) => {
      const now = performance.now();
      const line = `neo4j: ${what} ${done}/${total}`;
      if ((!force && now - lastReport < 1000) || line === lastLine) return;
      lastReport = now;
      lastLine = line;
      progress(line);
    };

    const nodeUnits = plan.nodeGroups.map((g) => ({ statement: mergeNodesStatement(g.type, g.level), rows: nodeParams(g.rows) }));
    await writeInTransactions(session, nodeUnits, batchSize, (n) => {
      done += n;
      report('nodes', plan.nodeCount);
    });
    report('nodes', plan.nodeCount, true);
    const nodeSeconds = (performance.now() - started) / 1000;

    const relStarted = performance.now();
    done = 0;
    const relUnits = plan.relGroups.map((g) => ({ statement: mergeRelsStatement(g.type, g.sourceType, g.targetType), rows: g.rows }));
    await writeInTransactions(session, relUnits, batchSize, (n) => {
      done += n;
      report('relationships', plan.relCount);
    });
    report('relationships', plan.relCount, true);
    const relationshipSeconds = (performance.now() - relStarted) / 1000;

    const communityRows = plan.communities.map((c) => ({ id: neo4j.int(c.id), name: c.name }));
    for (const batch of chunks(communityRows, batchSize)) {
      await session.executeWrite((tx) => tx.run(nameCommunitiesStatement(), { rows: batch }));
    }
    await session.executeWrite((tx) => tx.run(tidyCommunitiesStatement()));

    const counts = await session.executeRead((tx) => tx.run(countStatement));
    const record = counts.records[0];
    const seconds = (performance.now() - started) / 1000;
    const rate = (n: number, s: number) => (s > 0 ? n / s : n);
    return {
      nodes: plan.nodeCount,
      relationships: plan.relCount,
      communities: plan.communities.length,
      nodeSeconds,
      relationshipSeconds,
      seconds,
      nodesPerSecond: rate(plan.nodeCount, nodeSeconds),
      relationshipsPerSecond: rate(plan.relCount, relationshipSeconds),
      database: { nodes: Number(record.get('nodes')), relationships: Number(record.get('relationships')) },
    };
  } finally {
    await session.close();
  }
}

interface WriteUnit { statement: string; rows: unknown[] }

/**
 * Packs statements into write transactions of at most `batchSize` rows in all: a small
 * graph has many small label groups, and one commit each would cost more than the writes.
 * executeWrite retries a transaction on transient errors; MERGE makes the retry safe.
 */
async function writeInTransactions(session: Session, units: WriteUnit[], batchSize: number, onCommitted: (rows: number) => void): Promise<void> {
  let pending: WriteUnit[] = [];
  let pendingRows = 0;
  const flush = async () => {
    if (pending.length === 0) return;
    const work = pending;
    const rows = pendingRows;
    pending = [];
    pendingRows = 0;
    await session.executeWrite(async (tx) => {
      for (const unit of work) await tx.run(unit.statement, { rows: unit.rows });
    });
    onCommitted(rows);
  };
  for (const unit of units) {
    for (const rows of chunks(unit.rows, batchSize)) {
      if (pendingRows + rows.length > batchSize) await flush();
      pending.push({ statement: unit.statement, rows });
      pendingRows += rows.length;
    }
  }
  await flush();
}

/** The summary line `kg load` prints. */
export function formatLoadStats(stats: LoadStats, uri: string): string {
  const f = (n: number) => (n >= 100 ? Math.round(n).toString() : n.toFixed(1));
  return `loaded ${stats.nodes} nodes in ${stats.nodeSeconds.toFixed(2)} s (${f(stats.nodesPerSecond)} nodes/s), `
    + `${stats.relationships} relationships in ${stats.relationshipSeconds.toFixed(2)} s (${f(stats.relationshipsPerSecond)} relationships/s), `
    + `${stats.communities} communities into ${uri}; the database now holds ${stats.database.nodes} nodes and ${stats.database.relationships} relationships`;
}
