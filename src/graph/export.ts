// Writes the graph in three formats: graph.json (the contract, graphology's own
// serialisation), GraphML (yEd, Gephi, Cytoscape) and GEXF (Gephi).
// XML formats only hold scalars, so lists and objects (aliases, evidence) become JSON strings.
import { write as writeGexf } from 'graphology-gexf';
import { closeSync, openSync, writeSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { KgGraph } from './build.js';
import type { ExportedGraph } from './contract.js';
import { validateExportedGraph, type ValidateOptions } from './validate.js';

export type Scalar = string | number | boolean;

// Characters XML 1.0 forbids even when escaped (C0 controls other than tab/LF/CR, lone surrogates, U+FFFE/U+FFFF).
const XML_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export const stripXmlForbidden = (s: string): string => s.replace(XML_FORBIDDEN, '');

const escapeXml = (s: string): string =>
  stripXmlForbidden(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] as string);

/** One attribute value as an XML format can hold it: lists and objects become JSON text. */
export function toScalar(value: unknown): Scalar | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return stripXmlForbidden(value);
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'boolean') return value;
  return stripXmlForbidden(JSON.stringify(value));
}

export function flattenAttributes(attributes: Record<string, unknown>): Record<string, Scalar> {
  const flat: Record<string, Scalar> = {};
  for (const [name, value] of Object.entries(attributes)) {
    const scalar = toScalar(value);
    if (scalar !== undefined) flat[name] = scalar;
  }
  return flat;
}

/**
 * graph.export(), checked against the contract (throws GraphValidationError when it does not match).
 * The raw export is returned, not zod's parsed copy, so nothing graphology wrote is dropped.
 */
export function exportGraphJson(graph: KgGraph, options: ValidateOptions = {}): ExportedGraph {
  const exported = graph.export();
  validateExportedGraph(exported, options);
  return exported as unknown as ExportedGraph;
}

type GraphmlType = 'boolean' | 'int' | 'long' | 'double' | 'string';

function graphmlTypeOf(values: readonly Scalar[]): GraphmlType {
  if (values.every((v) => typeof v === 'boolean')) return 'boolean';
  if (values.every((v) => typeof v === 'number')) {
    const numbers = values as number[];
    if (!numbers.every(Number.isInteger)) return 'double';
    return numbers.every((n) => Math.abs(n) <= 0x7fffffff) ? 'int' : 'long';
  }
  return 'string';
}

interface KeySpec { id: string; name: string; type: GraphmlType }

function collectKeys(prefix: string, elements: ReadonlyArray<Record<string, Scalar>>): KeySpec[] {
  const valuesByName = new Map<string, Scalar[]>();
  for (const attrs of elements) {
    for (const [name, value] of Object.entries(attrs)) {
      const list = valuesByName.get(name);
      if (list) list.push(value);
      else valuesByName.set(name, [value]);
    }
  }
  return [...valuesByName.entries()].map(([name, values], i) => ({ id: `${prefix}${i}`, name, type: graphmlTypeOf(values) }));
}

/** GraphML text for the graph; node `label` is the entity name so viewers show it. */
export function toGraphml(graph: KgGraph): string {
  return [...graphmlLines(graph)].join('\n');
}

/** GraphML, line by line (a large graph's text would not fit in one string). */
export function* graphmlLines(graph: KgGraph): Generator<string> {
  const nodes: Array<{ key: string; attrs: Record<string, Scalar> }> = [];
  graph.forEachNode((key, attributes) => {
    const attrs = flattenAttributes(attributes);
    if (!('label' in attrs)) attrs.label = attrs.name ?? key;
    nodes.push({ key, attrs });
  });
  const edges: Array<{ key: string; source: string; target: string; attrs: Record<string, Scalar> }> = [];
  graph.forEachEdge((key, attributes, source, target) => {
    const attrs = flattenAttributes(attributes);
    if (!('label' in attrs) && typeof attrs.type === 'string') attrs.label = attrs.type;
    edges.push({ key, source, target, attrs });
  });
  const nodeKeys = collectKeys('n', nodes.map((n) => n.attrs));
  const edgeKeys = collectKeys('e', edges.map((e) => e.attrs));

  yield '<?xml version="1.0" encoding="UTF-8"?>';
  yield '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">';
  for (const [domain, keys] of [['node', nodeKeys], ['edge', edgeKeys]] as const) {
    for (const k of keys) yield `  <key id="${k.id}" for="${domain}" attr.name="${escapeXml(k.name)}" attr.type="${k.type}"/>`;
  }
  yield `  <graph id="G" edgedefault="${graph.type === 'undirected' ? 'undirected' : 'directed'}">`;
  const dataLines = (keys: KeySpec[], attrs: Record<string, Scalar>): string[] =>
    keys.filter((k) => k.name in attrs).map((k) => `      <data key="${k.id}">${escapeXml(String(attrs[k.name]))}</data>`);
  for (const node of nodes) {
    yield [`    <node id="${escapeXml(node.key)}">`, ...dataLines(nodeKeys, node.attrs), '    </node>'].join('\n');
  }
  for (const edge of edges) {
    yield [
      `    <edge id="${escapeXml(edge.key)}" source="${escapeXml(edge.source)}" target="${escapeXml(edge.target)}">`,
      ...dataLines(edgeKeys, edge.attrs),
      '    </edge>',
    ].join('\n');
  }
  yield '  </graph>';
  yield '</graphml>';
  yield '';
}

/** graph.json as graph.export() would serialise it, one node or edge at a time. */
export function* exportedJsonChunks(exported: ExportedGraph): Generator<string> {
  yield `{"attributes":${JSON.stringify(exported.attributes)},"options":${JSON.stringify(exported.options)},"nodes":[`;
  let first = true;
  for (const node of exported.nodes) { yield (first ? '' : ',') + JSON.stringify(node); first = false; }
  yield '],"edges":[';
  first = true;
  for (const edge of exported.edges) { yield (first ? '' : ',') + JSON.stringify(edge); first = false; }
  yield ']}';
}

/** Writes text pieces to a file through a buffer: no piece, and never the whole, has to be one string. */
function writeChunks(file: string, chunks: Iterable<string>, separator = ''): void {
  const fd = openSync(file, 'w');
  try {
    let buffer: string[] = [];
    let size = 0;
    for (const chunk of chunks) {
      buffer.push(chunk);
      size += chunk.length + separator.length;
      if (size > 1 << 20) { writeSync(fd, buffer.join(separator) + separator); buffer = []; size = 0; }
    }
    if (buffer.length) writeSync(fd, buffer.join(separator));
  } finally {
    closeSync(fd);
  }
}

// The GEXF writer builds the whole document as one string; past this many nodes and edges it would
// not fit (V8 strings stop at about 2^29 characters), and graph.json / graph.graphml carry the same graph.
export const GEXF_MAX_ELEMENTS = 250_000;

/** GEXF 1.3 text for Gephi, with the entity name as label and the community as a plain attribute. */
export function toGexf(graph: KgGraph): string {
  // The GEXF writer puts graph attributes into <meta>, where Gephi expects only creator/description/keywords.
  const bare = graph.copy();
  bare.replaceAttributes({ description: 'zhengkg knowledge graph; aliases and evidence are JSON strings' });
  return writeGexf(bare, {
    formatNode: (key, attributes) => ({
      label: stripXmlForbidden(String(attributes.name ?? key)),
      attributes: flattenAttributes(attributes),
    }),
    formatEdge: (_key, attributes) => ({
      label: String(attributes.type),
      attributes: flattenAttributes(attributes),
    }),
  });
}

export interface WrittenGraphFiles {
  json: string;
  graphml: string;
  /** Absent when the graph is too large for the GEXF writer (see GEXF_MAX_ELEMENTS). */
  gexf?: string;
  exported: ExportedGraph;
}

/** Validates, then writes graph.json, graph.graphml and graph.gexf into `outDir`. */
export async function writeGraphFiles(graph: KgGraph, outDir: string, options: ValidateOptions = {}): Promise<WrittenGraphFiles> {
  const exported = exportGraphJson(graph, options);
  await mkdir(outDir, { recursive: true });
  const files = {
    json: path.join(outDir, 'graph.json'),
    graphml: path.join(outDir, 'graph.graphml'),
    gexf: path.join(outDir, 'graph.gexf'),
  };
  writeChunks(files.json, exportedJsonChunks(exported));
  writeChunks(files.graphml, graphmlLines(graph), '\n');
  if (graph.order + graph.size > GEXF_MAX_ELEMENTS) {
    process.stderr.write(`kg build: graph.gexf not written: ${graph.order + graph.size} nodes and edges is more than the GEXF writer holds (${GEXF_MAX_ELEMENTS}); graph.json and graph.graphml have the whole graph\n`);
    return { json: files.json, graphml: files.graphml, exported };
  }
  writeChunks(files.gexf, [toGexf(graph)]);
  return { ...files, exported };
}
