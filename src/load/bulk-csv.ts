// The graph in Neo4j's bulk-import CSV format (`neo4j-admin database import full`), made from the
// same load plan and column tables as the MERGE loader (model.ts, statements.ts), so that an
// import and a MERGE load of one graph give the same database. Pure: no I/O here.
//
// One node file per node group (label combination), one relationship file per relationship group
// (type and the labels of its ends), plus the Community nodes and IN_COMMUNITY memberships.
// Entities are identified by `name` in an ID space per entity label; the importer stores the id
// as the `name` property.
import {
  ALL_LABELS, checkedIdentifier, COMMUNITY_LABEL, IN_COMMUNITY, NODE_LABELS, PLACE_LEVEL_LABELS, REL_TYPES,
  type LoadPlan, type NodeRow, type RelRow,
} from './model.js';
import { DOCUMENT_COLUMNS, NODE_COLUMN_TYPES, NODE_COLUMNS, NODE_KEY, REL_COLUMN_TYPES, REL_PROPERTY_COLUMNS, type PropertyType } from './statements.js';
import { DOCUMENT_TYPE, type NodeType } from '../graph/contract.js';

/**
 * Between the items of a list property. The unit separator: JSON (evidence) escapes it, and
 * extraction strips control characters from names; a value that holds it anyway is refused.
 */
export const ARRAY_DELIMITER = '\u001f';
export const ARRAY_DELIMITER_OPTION = 'U+001F';

export interface CsvFile {
  /** File name inside the import folder. */
  name: string;
  kind: 'nodes' | 'relationships';
  /** The header line and the data lines, each ending in '\n'; produced lazily (a 100 MB corpus's graph is hundreds of MB of CSV). */
  lines: () => Iterable<string>;
}

export interface CsvExport {
  files: CsvFile[];
  /**
   * Whether some value written so far holds a line break (known once every file's lines have been
   * read): the importer must then be told (--multiline-fields), which costs it speed.
   */
  multiline: () => boolean;
  /**
   * The labels whose nodes have an empty list property, and those properties (known once the node
   * files are read). The importer stores an empty list field as no property at all, where MERGE
   * stores []: emptyListStatement sets them after the import.
   */
  emptyLists: () => EmptyLists[];
}

export interface EmptyLists { label: string; properties: string[] }

/**
 * Gives every node of the label an empty list where it has none of these properties. Right after an
 * import that is exactly the nodes whose list was empty: a node row always holds a list there
 * (model.ts), never null. No values, so no parameters: the label and properties come from our tables only.
 */
export function emptyListStatement(e: EmptyLists): string {
  const label = checkedIdentifier(e.label, ALL_LABELS);
  // checkedIdentifier wants a capitalised label; a property is a lower-case name from the same kind of fixed list.
  const lists: string[] = NODE_COLUMNS.filter((c) => NODE_COLUMN_TYPES[c] === 'string[]');
  for (const p of e.properties) {
    if (!lists.includes(p) || !/^[a-z][A-Za-z_]*$/.test(p)) throw new Error(`refusing to use ${JSON.stringify(p)} as a list property`);
  }
  if (e.properties.length === 0) throw new Error('emptyListStatement: no property');
  // In transactions of their own (an auto-commit query): a 1 GB corpus's graph has millions of such nodes.
  return [
    `MATCH (n:${label}) WHERE ${e.properties.map((p) => `n.${p} IS NULL`).join(' OR ')}`,
    `CALL (n) { SET ${e.properties.map((p) => `n.${p} = coalesce(n.${p}, [])`).join(', ')} } IN TRANSACTIONS OF 10000 ROWS`,
  ].join('\n');
}

/** A value that breaks the format (an array item holding the delimiter): a clear error, before anything is written. */
export class BulkCsvError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BulkCsvError';
  }
}

const quote = (s: string): string => (s.includes('"') ? `"${s.replaceAll('"', '""')}"` : `"${s}"`);

/**
 * One field. A missing value (null) is an empty unquoted field, which the importer stores as no
 * property, as MERGE does for a null; a string is always quoted, so '' stays an empty string
 * (HOLDS_POSITION's title) and an empty list stays an empty list.
 */
function field(value: unknown, type: PropertyType, where: (column: string) => string, column: string): string {
  const what = () => where(column);
  if (value === null || value === undefined) return '';
  if (type === 'long') {
    if (!Number.isSafeInteger(value)) throw new BulkCsvError(`${what()}: ${JSON.stringify(value)} is not an integer`);
    return String(value);
  }
  if (type === 'string[]') {
    const items = value as string[];
    for (const item of items) {
      if (item.includes(ARRAY_DELIMITER) || item === '') {
        throw new BulkCsvError(`${what()}: the list item ${JSON.stringify(item)} cannot be written for the bulk importer (empty, or holds U+001F); load with --no-bulk`);
      }
    }
    return quote(items.join(ARRAY_DELIMITER));
  }
  return quote(String(value));
}

const header = (name: string, type: PropertyType): string => `${name}:${type}`;
const entityLabel = (type: NodeType): string => checkedIdentifier(NODE_LABELS[type], ALL_LABELS);
const community = checkedIdentifier(COMMUNITY_LABEL, ALL_LABELS);
const inCommunity = checkedIdentifier(IN_COMMUNITY, [IN_COMMUNITY]);

/**
 * Relationships that MERGE would make one: the same type, ends and (HOLDS_POSITION) title. The
 * later row updates the first as mergeRelsStatement's ON MATCH does. A graph that `kg build` wrote
 * has none (its edge keys are these identities); a hand-made one may.
 */
function foldRelationships(type: string, rows: RelRow[]): RelRow[] {
  const identity = (row: RelRow) => `${row.source}\u0000${row.target}\u0000${type === 'HOLDS_POSITION' ? row.title : ''}`;
  // Nearly always none: then the rows are used as they are, without a copy.
  const seenOnce = new Set<string>();
  for (const row of rows) seenOnce.add(identity(row));
  if (seenOnce.size === rows.length) return rows;
  const byIdentity = new Map<string, RelRow>();
  for (const row of rows) {
    const key = identity(row);
    const seen = byIdentity.get(key);
    if (!seen) {
      byIdentity.set(key, { ...row, evidence: [...row.evidence] });
      continue;
    }
    if (type !== 'HOLDS_POSITION') seen.title = row.title ?? seen.title;
    seen.basis = row.basis ?? seen.basis;
    seen.sentence = seen.sentence ?? row.sentence;
    for (const e of row.evidence) if (!seen.evidence.includes(e)) seen.evidence.push(e);
  }
  return [...byIdentity.values()];
}

export function bulkCsv(plan: LoadPlan): CsvExport {
  let multiline = false;
  // A line ends in its only '\n' unless some value holds a line break.
  const check = (line: string): string => {
    if (!multiline && (line.indexOf('\n') < line.length - 1 || line.includes('\r'))) multiline = true;
    return line;
  };
  // Checked eagerly: an entity name twice in one ID space would fail the import halfway.
  const seen = new Map<NodeType, Set<string>>();
  for (const group of plan.nodeGroups) {
    let names = seen.get(group.type);
    if (!names) seen.set(group.type, (names = new Set()));
    for (const row of group.rows) {
      if (names.has(row.name)) throw new BulkCsvError(`two ${group.type} nodes are both named ${JSON.stringify(row.name)}`);
      names.add(row.name);
    }
  }

  const empty = new Map<string, Set<string>>();
  const noteEmpty = (label: string, property: string) => {
    let properties = empty.get(label);
    if (!properties) empty.set(label, (properties = new Set()));
    properties.add(property);
  };
  const files: CsvFile[] = [];
  const entityColumns = NODE_COLUMNS.filter((c) => c !== NODE_KEY);
  // A Document has what mergeDocumentsStatement sets: its docs and what it says about itself, none of
  // the entity columns it carries as empty values (test/neo4j/bulk.test.ts compares the two).
  const documentColumns = DOCUMENT_COLUMNS.filter((c) => !(NODE_COLUMNS as readonly string[]).includes(c) || c === 'docs');
  const columnType = (c: string): PropertyType => (c in NODE_COLUMN_TYPES ? NODE_COLUMN_TYPES[c as keyof typeof NODE_COLUMN_TYPES] : 'string');
  plan.nodeGroups.forEach((group, i) => {
    const propertyColumns: readonly string[] = group.type === DOCUMENT_TYPE ? documentColumns : entityColumns;
    const labels = [entityLabel(group.type), ...(group.level ? [checkedIdentifier(PLACE_LEVEL_LABELS[group.level], ALL_LABELS)] : [])];
    const labelField = quote(labels.join(ARRAY_DELIMITER));
    files.push({
      name: `nodes-${String(i).padStart(3, '0')}-${labels.join('-')}.csv`,
      kind: 'nodes',
      lines: function* () {
        yield `${NODE_KEY}:ID(${entityLabel(group.type)}),:LABEL,${propertyColumns.map((c) => header(c, columnType(c))).join(',')}\n`;
        for (const row of group.rows) {
          for (const c of propertyColumns) {
            const value = row[c as keyof NodeRow];
            if (columnType(c) === 'string[]' && Array.isArray(value) && value.length === 0) noteEmpty(labels[0], c);
          }
          const what = (c: string) => `${group.type} ${JSON.stringify(row.name)}, property ${c}`;
          let line = `${quote(row[NODE_KEY])},${labelField}`;
          for (const c of propertyColumns) line += `,${field((row as unknown as Record<string, unknown>)[c], columnType(c), what, c)}`;
          yield check(`${line}\n`);
        }
      },
    });
  });

  plan.relGroups.forEach((group, i) => {
    const type = checkedIdentifier(REL_TYPES[group.type], Object.values(REL_TYPES));
    files.push({
      name: `relationships-${String(i).padStart(3, '0')}-${type}.csv`,
      kind: 'relationships',
      lines: function* () {
        yield `:START_ID(${entityLabel(group.sourceType)}),:END_ID(${entityLabel(group.targetType)}),:TYPE,${REL_PROPERTY_COLUMNS.map((c) => header(c, REL_COLUMN_TYPES[c])).join(',')}\n`;
        for (const row of foldRelationships(group.type, group.rows)) {
          const what = (c: string) => `${type} ${JSON.stringify(row.source)} -> ${JSON.stringify(row.target)}, property ${c}`;
          let line = `${quote(row.source)},${quote(row.target)},${type}`;
          for (const c of REL_PROPERTY_COLUMNS) {
            const value = row[c];
            if (Array.isArray(value) && value.length === 0) throw new BulkCsvError(`${what(c)}: an empty list cannot go through the bulk importer; load with --no-bulk`);
            line += `,${field(value, REL_COLUMN_TYPES[c], what, c)}`;
          }
          yield check(`${line}\n`);
        }
      },
    });
  });

  // Communities as labelCommunitiesStatement leaves them: {id, label, size}, one IN_COMMUNITY per member.
  files.push({
    name: 'nodes-community.csv',
    kind: 'nodes',
    lines: function* () {
      yield `:ID(${community}),:LABEL,id:long,label:string,size:long\n`;
      for (const c of plan.communities) yield check(`${c.id},${community},${c.id},${quote(c.label)},${c.size}\n`);
    },
  });
  // Documents belong to no community.
  const spaces = [...new Set(plan.nodeGroups.map((g) => g.type))].filter((t) => t !== DOCUMENT_TYPE);
  for (const space of spaces) {
    const groups = plan.nodeGroups.filter((g) => g.type === space);
    files.push({
      name: `relationships-in-community-${entityLabel(space)}.csv`,
      kind: 'relationships',
      lines: function* () {
        yield `:START_ID(${entityLabel(space)}),:END_ID(${community}),:TYPE\n`;
        for (const group of groups) {
          for (const row of group.rows) if (row.community !== null) yield `${quote(row.name)},${row.community},${inCommunity}\n`;
        }
      },
    });
  }
  return { files, multiline: () => multiline, emptyLists: () => [...empty].map(([label, properties]) => ({ label, properties: [...properties].sort() })) };
}

/** The importer's options (without the database name), for files in `dir` as the importer sees it. */
export function importArguments(files: readonly CsvFile[], dir: string, multiline: boolean): string[] {
  const at = (name: string) => (dir.endsWith('/') ? `${dir}${name}` : `${dir}/${name}`);
  return [
    `--array-delimiter=${ARRAY_DELIMITER_OPTION}`,
    // The data is ours and checked: any bad entry is a bug, and must stop the import.
    '--bad-tolerance=0',
    ...(multiline ? ['--multiline-fields=true'] : []),
    ...files.map((f) => `--${f.kind}=${at(f.name)}`),
  ];
}
