// Loads an exported graph (graph.json) into Neo4j: constraints first, then nodes,
// then relationships, in batched `UNWIND $rows … MERGE` write transactions.
// MERGE on the constraint keys and list unions make a reload a no-op and a second
// graph a merge.
//
// Failure model: each transaction commits whole or not at all, so a crash or a lost
// connection mid-load leaves some batches committed and none half-written; rerunning
// the same load finishes it (nothing is duplicated). The error then says how far the
// load got. Two loads at once are safe too: MERGE races that end in a constraint
// violation are retried, like the transient errors the driver retries on its own.
import { performance } from 'node:perf_hooks';
import neo4j, { type Driver, type ManagedTransaction, type Session } from 'neo4j-driver';
import {
  explainNeo4jError, isConnectionLoss, Neo4jConnectionError, resolveConnection, sessionConfig, withNeo4j, type Connection, type ConnectionOptions,
} from './connection.js';
import type { NodeType } from '../graph/contract.js';
import { planLoad, type DocumentRow, type LoadPlan, type NodeRow, type RelRow } from './model.js';
import { readGraphFile } from './graph-file.js';
import {
  countStatement, documentRowValues, mergeDocumentsStatement, mergeNodesStatement, mergeRelsStatement, labelCommunitiesStatement, nodeRowValues, relRowValues, schemaStatements,
  setCommunitiesStatement, tidyCommunitiesStatement,
} from './statements.js';

/**
 * Rows per write transaction, and rows per statement inside it. Chosen by measurement
 * (bench/neo4j.mjs, 78k relationships on the 2-core machine): 1000-row statements, four
 * per transaction and sent without waiting for each other, beat both a single 1000-row
 * statement per transaction (the client encodes the next rows while the server writes the
 * previous ones) and larger statements (which only grow the transaction state).
 */
export const DEFAULT_BATCH_SIZE = 4000;
export const STATEMENT_ROWS = 1000;

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
  /**
   * What the database holds afterwards (all graphs loaded so far): `nodes` is every node, the
   * entity nodes and the Community nodes together; `relationships` includes IN_COMMUNITY.
   */
  database: { nodes: number; entities: number; communities: number; relationships: number };
}

export async function loadGraphFile(file: string, options: LoadOptions = {}): Promise<LoadStats> {
  return loadPlan(await readLoadPlan(file), options);
}

/** Reads and validates a graph.json, grouped for loading; one-line errors naming the file. */
export async function readLoadPlan(file: string): Promise<LoadPlan> {
  let json: unknown;
  try {
    json = await readGraphFile(file);
  } catch (err) {
    throw new Error(`cannot read graph ${file}: ${String((err as Error).message ?? err).split('\n')[0]}`);
  }
  let plan: LoadPlan;
  try {
    plan = planLoad(json);
  } catch (err) {
    throw new Error(`${file} is not a valid exported graph: ${summariseInvalid(err)}`);
  }
  return plan;
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
function nodeParams(rows: NodeRow[]): unknown[][] {
  return rows.map((r) => nodeRowValues({ ...r, community: r.community === null ? null : neo4j.int(r.community) }));
}

/** The MERGE load of a planned graph. */
export async function loadPlan(plan: LoadPlan, options: LoadOptions): Promise<LoadStats> {
  const conn = resolveConnection(options);
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  if (!Number.isInteger(batchSize) || batchSize <= 0) throw new Error('--batch-size must be a positive integer');
  const progress = options.progress ?? ((line: string) => void process.stderr.write(`${line}\n`));
  // write() turns any failure after the connection check into one line saying how far the load got.
  return withNeo4j(conn, (driver) => write(driver, conn, plan, batchSize, progress));
}

/** How far a load got: committed transactions per phase. */
export interface LoadProgress {
  phase: 'constraints' | 'nodes' | 'relationships' | 'communities';
  nodeBatches: { done: number; total: number; rows: number };
  relBatches: { done: number; total: number; rows: number };
}

/** A load that failed after it had started writing: one line saying what was committed and that a rerun is safe. */
export class LoadInterruptedError extends Neo4jConnectionError {
  constructor(message: string, cause: unknown, readonly progress: LoadProgress) {
    super(message, cause);
    this.name = 'LoadInterruptedError';
  }
}

function describeProgress(p: LoadProgress, plan: LoadPlan): string {
  const { nodeBatches: n, relBatches: r } = p;
  const batches = (b: LoadProgress['nodeBatches'], what: string, total: number) =>
    b.done === b.total && b.total > 0 ? `all ${b.total} ${what} batches (${total} ${what === 'node' ? 'nodes' : 'relationships'})`
      : `${b.done} of ${b.total} ${what} batches (${b.rows} of ${total} ${what === 'node' ? 'nodes' : 'relationships'})`;
  if (p.phase === 'constraints') return 'before any data was written (while creating constraints)';
  if (p.phase === 'communities') return `after all ${n.total} node and ${r.total} relationship batches were committed (while labelling communities)`;
  return `after ${batches(n, 'node', plan.nodeCount)} and ${batches(r, 'relationship', plan.relCount)} were committed`;
}

function interrupted(err: unknown, conn: Connection, plan: LoadPlan, p: LoadProgress): Error {
  // A Cypher error is a bug in a statement, not a fault: keep its text.
  const code = (err as { code?: string } | undefined)?.code ?? '';
  if (code.startsWith('Neo.ClientError.Statement') && !isLostRace(err)) return err as Error;
  const rerun = 'rerun the same load to finish (loading is idempotent: nothing committed will be duplicated)';
  if (isConnectionLoss(err)) {
    const cause = explainNeo4jError(err, conn).message.replace(/^cannot reach Neo4j at \S+: /, '').replace(/ \(is it running\? .*\)$/, '');
    return new LoadInterruptedError(`load interrupted: Neo4j at ${conn.uri} went away (${cause}) ${describeProgress(p, plan)}; ${rerun}`, err, p);
  }
  const explained = explainNeo4jError(err, conn).message;
  return new LoadInterruptedError(`load failed ${describeProgress(p, plan)}: ${explained}; ${rerun}`, err, p);
}

async function write(driver: Driver, conn: Connection, plan: LoadPlan, batchSize: number, progressLine: (line: string) => void): Promise<LoadStats> {
  const { nodes: nodeTransactions, relationships: relTransactions } = planTransactions(plan, batchSize);
  const state: LoadProgress = {
    phase: 'constraints',
    nodeBatches: { done: 0, total: nodeTransactions.length, rows: 0 },
    relBatches: { done: 0, total: relTransactions.length, rows: 0 },
  };
  try {
    return await writeAll(driver, conn, plan, batchSize, progressLine, nodeTransactions, relTransactions, state);
  } catch (err) {
    throw interrupted(err, conn, plan, state);
  }
}

async function writeAll(
  driver: Driver, conn: Connection, plan: LoadPlan, batchSize: number, progress: (line: string) => void,
  nodeTransactions: WriteUnit[][], relTransactions: WriteUnit[][], state: LoadProgress,
): Promise<LoadStats> {
  const session = driver.session(sessionConfig(conn));
  try {
    for (const statement of schemaStatements()) await runSchemaStatement(session, statement);
    await session.run('CALL db.awaitIndexes(300)');

    const started = performance.now();
    let done = 0;
    let lastReport = 0;
    let lastLine = '';
    let lastPhase = '';
    // At most one line a second, but always the first batch of each phase (a phase shorter than a
    // second would otherwise show only its end) and the final count of each phase once.
    const report = (what: string, total: number, force = false) => {
      const now = performance.now();
      const line = `neo4j: ${what} ${done}/${total}`;
      if ((!force && what === lastPhase && now - lastReport < 1000) || line === lastLine) return;
      lastReport = now;
      lastLine = line;
      lastPhase = what;
      progress(line);
    };

    const ids: NodeIds = new Map();
    state.phase = 'nodes';
    await writeTransactions(session, nodeTransactions, ids, (n) => {
      done += n;
      state.nodeBatches.done++;
      state.nodeBatches.rows += n;
      report('nodes', plan.nodeCount);
    });
    report('nodes', plan.nodeCount, true);
    const nodeSeconds = (performance.now() - started) / 1000;

    const relStarted = performance.now();
    done = 0;
    state.phase = 'relationships';
    await writeTransactions(session, relTransactions, ids, (n) => {
      done += n;
      state.relBatches.done++;
      state.relBatches.rows += n;
      report('relationships', plan.relCount);
    });
    report('relationships', plan.relCount, true);
    const relationshipSeconds = (performance.now() - relStarted) / 1000;

    const communityRows = plan.communities.map((c) => ({ id: neo4j.int(c.id), label: c.label, size: neo4j.int(c.size) }));
    state.phase = 'communities';
    for (const batch of chunks(communityRows, batchSize)) {
      await executeWriteRetrying(session, (tx) => tx.run(labelCommunitiesStatement(), { rows: batch }));
    }
    await executeWriteRetrying(session, (tx) => tx.run(tidyCommunitiesStatement()));

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
      database: {
        nodes: Number(record.get('entities')) + Number(record.get('communities')),
        entities: Number(record.get('entities')),
        communities: Number(record.get('communities')),
        relationships: Number(record.get('relationships')),
      },
    };
  } finally {
    await session.close();
  }
}

/**
 * One statement and its rows; `what` is the label or relationship type it writes (for messages
 * and tests). A relationship unit also names the labels of its two ends: its rows carry names,
 * which are turned into the element ids the node phase returned when the unit is sent.
 */
export interface WriteUnit { statement: string; what: string; rows: unknown[]; ends?: { source: NodeType; target: NodeType } }

/** The write transactions of a load, in order: each commits whole or not at all. */
export function planTransactions(plan: LoadPlan, batchSize: number): { nodes: WriteUnit[][]; relationships: WriteUnit[][] } {
  const nodeUnits = plan.nodeGroups.map((g) => (g.type === 'Document'
    ? { statement: mergeDocumentsStatement(), what: g.type, rows: (g.rows as DocumentRow[]).map(documentRowValues) }
    : { statement: mergeNodesStatement(g.type, g.level), what: g.type, rows: nodeParams(g.rows) }));
  const relUnits = plan.relGroups.map((g) => ({
    statement: mergeRelsStatement(g.type), what: g.type, rows: g.rows, ends: { source: g.sourceType, target: g.targetType },
  }));
  return { nodes: packTransactions(nodeUnits, batchSize), relationships: packTransactions(relUnits, batchSize) };
}

/**
 * Packs statements into write transactions of at most `batchSize` rows in all, each statement
 * at most STATEMENT_ROWS rows: a small graph has many small label groups, and one commit each
 * would cost more than the writes.
 */
function packTransactions(units: WriteUnit[], batchSize: number): WriteUnit[][] {
  const transactions: WriteUnit[][] = [];
  let pending: WriteUnit[] = [];
  let pendingRows = 0;
  for (const unit of units) {
    for (const rows of chunks(unit.rows, Math.min(batchSize, STATEMENT_ROWS))) {
      if (pendingRows + rows.length > batchSize && pending.length > 0) {
        transactions.push(pending);
        pending = [];
        pendingRows = 0;
      }
      pending.push({ ...unit, rows });
      pendingRows += rows.length;
    }
  }
  if (pending.length > 0) transactions.push(pending);
  return transactions;
}

/** Element ids of the nodes written so far, by label and name. */
type NodeIds = Map<string, Map<string, string>>;
// Keyed by label, then name (not by one joined string): a joined key is a new string to flatten and
// hash at every lookup, two per relationship, which cost the client seconds on a 600k-edge load.
const idsOf = (ids: NodeIds, type: string): Map<string, string> => {
  let byName = ids.get(type);
  if (!byName) ids.set(type, (byName = new Map()));
  return byName;
};

/** A relationship row as sent: the names of its ends replaced by their element ids. */
function relParams(unit: WriteUnit, ids: NodeIds): unknown[] {
  const ends = unit.ends!;
  const sources = idsOf(ids, ends.source), targets = idsOf(ids, ends.target);
  return (unit.rows as RelRow[]).map((row) => {
    const sourceId = sources.get(row.source), targetId = targets.get(row.target);
    // The plan was validated: every edge's ends are nodes of the graph, all written before any relationship.
    if (sourceId === undefined || targetId === undefined) throw new Error(`internal error: no node id for ${ends.source} ${row.source} or ${ends.target} ${row.target}`);
    return relRowValues({ ...row, sourceId, targetId });
  });
}

/** Relationship rows whose ends are gone (deleted by someone else during the load) must not vanish silently. */
export class VanishedNodesError extends Error {
  constructor(what: string, missing: number) {
    super(`${missing} ${what} relationship(s) found no node at one end: nodes written earlier in this load were deleted while it ran; rerun the load`);
    this.name = 'VanishedNodesError';
  }
}

/**
 * Commits the transactions one after the other; `onCommitted` gets each one's row count once it
 * is durable. The statements of one transaction are pipelined: all are sent at once and the
 * server runs them in order, so the client encodes the next statement while the server writes.
 * Node statements return the element ids of their nodes (collected into `ids` once committed);
 * the same transaction then sets those nodes' communities by id, and relationship statements use
 * the ids later.
 */
async function writeTransactions(session: Session, transactions: WriteUnit[][], ids: NodeIds, onCommitted: (rows: number) => void): Promise<void> {
  for (const work of transactions) {
    const written = await executeWriteRetrying(session, async (tx) => {
      const results = await Promise.all(work.map(async (unit) => {
        const result = await tx.run(unit.statement, { rows: unit.ends ? relParams(unit, ids) : unit.rows });
        if (unit.ends) {
          const count = Number(result.records[0]?.get('written') ?? 0);
          if (count < unit.rows.length) throw new VanishedNodesError(unit.what, unit.rows.length - count);
        }
        return result;
      }));
      // Node units: their ids, and (in the same transaction) their community memberships.
      const newIds: Array<[string, string, string]> = [];
      const memberships: Array<{ id: string; community: unknown }> = [];
      work.forEach((unit, k) => {
        if (unit.ends) return;
        for (const record of results[k].records) {
          const id = record.get('id') as string, community = record.get('community');
          newIds.push([unit.what, record.get('name') as string, id]);
          // Integers come back as JS numbers (disableLosslessIntegers) and would go out again as floats.
          if (community !== null) memberships.push({ id, community: neo4j.int(community as number) });
        }
      });
      if (memberships.length > 0) await tx.run(setCommunitiesStatement(), { rows: memberships });
      return newIds;
    });
    for (const [type, name, id] of written) idsOf(ids, type).set(name, id);
    onCommitted(work.reduce((n, u) => n + u.rows.length, 0));
  }
}

const RACE_RETRIES = 8;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * executeWrite retries a transaction on transient errors (deadlocks, a lost leader, a dropped
 * connection for up to maxTransactionRetryTime). Two loads at once can also lose a race in ways
 * the driver does not count as transient: MERGEing the same new node (a uniqueness-constraint
 * violation), or reaching a Community node that the other load's tidy-up just deleted (entity
 * not found). Rerunning the transaction is right in both cases (MERGE then finds or recreates
 * what it needs), so it is retried here a few times with a short random back-off.
 */
export async function executeWriteRetrying<T>(session: Pick<Session, 'executeWrite'>, work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await session.executeWrite(work);
    } catch (err) {
      if (!isLostRace(err) || attempt >= RACE_RETRIES) throw err;
      await sleep(20 * attempt + Math.random() * 50 * attempt);
    }
  }
}

const RACE_CODES = ['Neo.ClientError.Schema.ConstraintValidationFailed', 'Neo.ClientError.Statement.EntityNotFound'];
const isLostRace = (err: unknown): boolean => RACE_CODES.includes((err as { code?: string } | undefined)?.code ?? '');

/** Schema statements are `IF NOT EXISTS`, but two loads creating the same constraint at once can still collide: the loser's rule exists, which is all we want. */
async function runSchemaStatement(session: Session, statement: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await session.run(statement);
      return;
    } catch (err) {
      const code = (err as { code?: string })?.code ?? '';
      if (/EquivalentSchemaRuleAlreadyExists|ConstraintAlreadyExists|IndexAlreadyExists/.test(code)) return;
      if (!code.startsWith('Neo.TransientError') || attempt >= RACE_RETRIES) throw err;
      await sleep(50 * attempt);
    }
  }
}

/** The summary line `kg load` prints: entity nodes and Community nodes are counted apart. */
export function formatLoadStats(stats: LoadStats, uri: string): string {
  const f = (n: number) => (n >= 100 ? Math.round(n).toString() : n.toFixed(1));
  const db = stats.database;
  return `loaded ${stats.nodes} entity nodes in ${stats.nodeSeconds.toFixed(2)} s (${f(stats.nodesPerSecond)} nodes/s), `
    + `${stats.relationships} relationships in ${stats.relationshipSeconds.toFixed(2)} s (${f(stats.relationshipsPerSecond)} relationships/s) `
    + `and ${stats.communities} community nodes into ${uri}; `
    + `the database now holds ${db.entities} entity nodes, ${db.communities} community nodes and ${db.relationships} relationships`;
}
