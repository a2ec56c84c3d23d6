// Writes the graph in three formats: graph.json (the contract, graphology's own
// serialisation), GraphML (yEd, Gephi, Cytoscape) and GEXF (Gephi).
// XML formats only hold scalars, so lists and objects (aliases, evidence) become JSON strings.
//
// The three files are written in one pass over the graph, element by element, each element checked
// against the contract as it goes: no file, and no element's evidence, is ever held whole in memory.
// The graph is a graphology graph or the reduce step's compact store (src/graph/store.ts).
import { closeSync, openSync, rmSync, writeSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { KgGraph } from './build.js';
import type { ExportedGraph } from './contract.js';
import { GraphStore } from './store.js';
import { GraphChecker, validateExportedGraph, type ValidateOptions } from './validate.js';

export type Scalar = string | number | boolean;

// Characters XML 1.0 forbids even when escaped (C0 controls other than tab/LF/CR, lone surrogates, U+FFFE/U+FFFF).
const XML_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// Anything that may need stripping: most strings have none of it and are returned as they are.
const MAYBE_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;

export const stripXmlForbidden = (s: string): string => (MAYBE_FORBIDDEN.test(s) ? s.replace(XML_FORBIDDEN, '') : s);

/** Element text: `&`, `<` and `>` escaped (quotes need no escaping there, and JSON text is full of them). */
const escapeXml = (s: string): string => {
  const t = stripXmlForbidden(s);
  return /[&<>]/.test(t) ? t.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;') : t;
};
/** Escaped element text made fit for an attribute value in double quotes: quotes, line breaks and tabs as references. */
const attrFromText = (t: string): string => {
  const q = t.includes('"') ? t.replaceAll('"', '&quot;') : t;
  return /[\t\n\r]/.test(q) ? q.replace(/\t/g, '&#x9;').replace(/\n/g, '&#xA;').replace(/\r/g, '&#xD;') : q;
};
/** An attribute value. */
const escapeAttr = (s: string): string => attrFromText(escapeXml(s));

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
  for (const name in attributes) {
    const scalar = toScalar(attributes[name]);
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

// ---------------------------------------------------------------- the graph, element by element

interface Element { key: string; attributes: Record<string, unknown> }
interface EdgeElement extends Element { source: string; target: string }

/** What the writers read: graph attributes and options, then nodes and edges one at a time. */
export interface GraphSource {
  attributes: Record<string, unknown>;
  options: { type: string; multi: boolean; allowSelfLoops: boolean };
  /** `withEvidence: false` may leave evidence lists empty (a pass that only looks at attribute names and types). */
  nodes(withEvidence?: boolean): Iterable<Element>;
  edges(withEvidence?: boolean): Iterable<EdgeElement>;
}

export function graphSource(graph: KgGraph | GraphStore): GraphSource {
  if (graph instanceof GraphStore) return graph as unknown as GraphSource;
  return {
    attributes: graph.getAttributes(),
    options: { type: graph.type, multi: graph.multi, allowSelfLoops: graph.allowSelfLoops },
    *nodes() { for (const { node, attributes } of graph.nodeEntries()) yield { key: node, attributes }; },
    *edges() { for (const { edge, attributes, source, target } of graph.edgeEntries()) yield { key: edge, source, target, attributes }; },
  };
}

// ---------------------------------------------------------------- attribute types

type GraphmlType = 'boolean' | 'int' | 'long' | 'double' | 'string';
type GexfType = 'boolean' | 'integer' | 'long' | 'double' | 'string';

/** What the values of one attribute name have been so far. */
class ValueKinds {
  bool = true; number = true; integer = true; int32 = true;
  /** Whether a non-empty value was seen (GEXF leaves out empty strings). */
  gexfSeen = false; gexfBool = true; gexfNumber = true; gexfInteger = true; gexfInt32 = true;
  see(v: Scalar): void {
    const isNumber = typeof v === 'number';
    this.bool &&= typeof v === 'boolean';
    this.number &&= isNumber;
    this.integer &&= isNumber && Number.isInteger(v);
    this.int32 &&= isNumber && Math.abs(v) <= 0x7fffffff;
    if (v === '') return;
    this.gexfSeen = true;
    this.gexfBool &&= typeof v === 'boolean';
    this.gexfNumber &&= isNumber;
    this.gexfInteger &&= isNumber && Number.isInteger(v);
    this.gexfInt32 &&= isNumber && v === (v | 0);
  }
  graphml(): GraphmlType {
    if (this.bool) return 'boolean';
    if (!this.number) return 'string';
    if (!this.integer) return 'double';
    return this.int32 ? 'int' : 'long';
  }
  gexf(): GexfType {
    if (this.gexfBool) return 'boolean';
    if (!this.gexfNumber) return 'string';
    if (!this.gexfInteger) return 'double';
    return this.gexfInt32 ? 'integer' : 'long';
  }
}

/** Attribute names in the order first seen, with their kinds. */
class AttributeModel {
  readonly kinds = new Map<string, ValueKinds>();
  see(flat: Record<string, Scalar>): void {
    for (const name in flat) {
      let k = this.kinds.get(name);
      if (!k) this.kinds.set(name, k = new ValueKinds());
      k.see(flat[name]);
    }
  }
}

const nodeLabel = (key: string, flat: Record<string, Scalar>): Scalar => flat.label ?? flat.name ?? key;

// ---------------------------------------------------------------- writers

interface Sink { write(text: string): void }

/** Appends text to a file through a 4 MB buffer (each piece is encoded at once and can be collected young). */
class FileSink implements Sink {
  private readonly fd: number;
  private readonly buffer = Buffer.allocUnsafe(4 << 20);
  private used = 0;
  constructor(readonly file: string) { this.fd = openSync(file, 'w'); }
  write(text: string): void {
    if (this.used + text.length * 3 > this.buffer.length) {
      this.flush();
      if (text.length * 3 > this.buffer.length) { writeSync(this.fd, text); return; }
    }
    this.used += this.buffer.write(text, this.used, 'utf8');
  }
  private flush(): void {
    let done = 0;
    while (done < this.used) done += writeSync(this.fd, this.buffer, done, this.used - done);
    this.used = 0;
  }
  close(): void {
    try { this.flush(); } finally { closeSync(this.fd); }
  }
}

class StringSink implements Sink {
  readonly parts: string[] = [];
  write(text: string): void { this.parts.push(text); }
  toString(): string { return this.parts.join(''); }
}

class JsonWriter {
  private first = true;
  constructor(private readonly out: Sink) {}
  start(source: GraphSource): void {
    this.out.write(`{"attributes":${JSON.stringify(source.attributes)},"options":${JSON.stringify(source.options)},"nodes":[`);
  }
  node(node: Element, attributesJson: string): void {
    this.out.write(`${this.first ? '' : ','}{"key":${JSON.stringify(node.key)},"attributes":${attributesJson}}`);
    this.first = false;
  }
  startEdges(): void { this.out.write('],"edges":['); this.first = true; }
  edge(edge: EdgeElement, attributesJson: string): void {
    this.out.write(`${this.first ? '' : ','}{"key":${JSON.stringify(edge.key)},"source":${JSON.stringify(edge.source)},"target":${JSON.stringify(edge.target)},"attributes":${attributesJson}}`);
    this.first = false;
  }
  end(): void { this.out.write(']}'); }
}

interface KeySpec { id: string; name: string; type: GraphmlType }

/** GraphML; node `label` is the entity name so viewers show it, edge `label` the relation type. */
class GraphmlWriter {
  private nodeKeys: KeySpec[] = [];
  private edgeKeys: KeySpec[] = [];
  constructor(private readonly out: Sink) {}
  start(source: GraphSource, nodes: AttributeModel, edges: AttributeModel): void {
    this.nodeKeys = [...nodes.kinds].map(([name, k], i) => ({ id: `n${i}`, name, type: k.graphml() }));
    this.edgeKeys = [...edges.kinds].map(([name, k], i) => ({ id: `e${i}`, name, type: k.graphml() }));
    const lines = [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
    ];
    for (const [domain, keys] of [['node', this.nodeKeys], ['edge', this.edgeKeys]] as const) {
      for (const k of keys) lines.push(`  <key id="${k.id}" for="${domain}" attr.name="${escapeAttr(k.name)}" attr.type="${k.type}"/>`);
    }
    lines.push(`  <graph id="G" edgedefault="${source.options.type === 'undirected' ? 'undirected' : 'directed'}">`);
    this.out.write(`${lines.join('\n')}\n`);
  }
  private data(keys: KeySpec[], escaped: Map<string, string>): string {
    let s = '';
    for (const k of keys) {
      const v = escaped.get(k.name);
      if (v !== undefined) s += `      <data key="${k.id}">${v}</data>\n`;
    }
    return s;
  }
  node(key: string, escaped: Map<string, string>): void {
    this.out.write(`    <node id="${escapeAttr(key)}">\n${this.data(this.nodeKeys, escaped)}    </node>\n`);
  }
  edge(edge: EdgeElement, escaped: Map<string, string>): void {
    this.out.write(`    <edge id="${escapeAttr(edge.key)}" source="${escapeAttr(edge.source)}" target="${escapeAttr(edge.target)}">\n${this.data(this.edgeKeys, escaped)}    </edge>\n`);
  }
  end(): void { this.out.write('  </graph>\n</graphml>\n'); }
}

/** GEXF 1.2 for Gephi, as graphology-gexf writes it: the entity name as label, the community as a plain attribute. */
class GexfWriter {
  private nodeModel: Array<[string, GexfType]> = [];
  private edgeModel: Array<[string, GexfType]> = [];
  constructor(private readonly out: Sink) {}
  start(nodes: AttributeModel, edges: AttributeModel): void {
    this.nodeModel = [...nodes.kinds].filter(([, k]) => k.gexfSeen).map(([name, k]) => [name, k.gexf()]);
    this.edgeModel = [...edges.kinds].filter(([, k]) => k.gexfSeen).map(([name, k]) => [name, k.gexf()]);
    const lines = [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<gexf version="1.2" xmlns="http://www.gexf.net/1.2draft" xmlns:viz="http:///www.gexf.net/1.1draft/viz">',
      '  <meta>',
      '    <description>zhengkg knowledge graph; aliases and evidence are JSON strings</description>',
      '  </meta>',
      '  <graph defaultedgetype="directed">',
    ];
    for (const [cls, model] of [['node', this.nodeModel], ['edge', this.edgeModel]] as const) {
      if (!model.length) continue;
      lines.push(`    <attributes class="${cls}">`);
      for (const [name, type] of model) lines.push(`      <attribute id="${escapeAttr(name)}" title="${escapeAttr(name)}" type="${type}"/>`);
      lines.push('    </attributes>');
    }
    lines.push('    <nodes>');
    this.out.write(`${lines.join('\n')}\n`);
  }
  private values(model: Array<[string, GexfType]>, escaped: Map<string, string>): string {
    if (!model.length) return '';
    let s = '        <attvalues>\n';
    for (const [name] of model) {
      const v = escaped.get(name);
      if (v === undefined || v === '') continue;
      s += `          <attvalue for="${escapeAttr(name)}" value="${attrFromText(v)}"/>\n`;
    }
    return `${s}        </attvalues>\n`;
  }
  node(key: string, label: string, escaped: Map<string, string>): void {
    this.out.write(`      <node id="${escapeAttr(key)}"${label ? ` label="${attrFromText(label)}"` : ''}>\n${this.values(this.nodeModel, escaped)}      </node>\n`);
  }
  startEdges(): void { this.out.write('    </nodes>\n    <edges>\n'); }
  edge(edge: EdgeElement, escaped: Map<string, string>): void {
    const l = String(edge.attributes.type ?? '');
    this.out.write(`      <edge id="${escapeAttr(edge.key)}" source="${escapeAttr(edge.source)}" target="${escapeAttr(edge.target)}"${l ? ` label="${escapeAttr(l)}"` : ''}>\n${this.values(this.edgeModel, escaped)}      </edge>\n`);
  }
  end(): void { this.out.write('    </edges>\n  </graph>\n</gexf>\n'); }
}

/** The attribute names and kinds of all nodes and edges (GraphML and GEXF declare them before the elements). */
function attributeModels(source: GraphSource, graphmlLabels: boolean): { nodes: AttributeModel; edges: AttributeModel } {
  const nodes = new AttributeModel();
  const edges = new AttributeModel();
  for (const n of source.nodes(false)) {
    const flat = flattenAttributes(n.attributes);
    if (graphmlLabels && !('label' in flat)) flat.label = nodeLabel(n.key, flat);
    nodes.see(flat);
  }
  for (const e of source.edges(false)) {
    const flat = flattenAttributes(e.attributes);
    if (graphmlLabels && !('label' in flat) && typeof flat.type === 'string') flat.label = flat.type;
    edges.see(flat);
  }
  return { nodes, edges };
}

interface Outputs { json?: Sink; graphml?: Sink; gexf?: Sink }

const nameJson = new Map<string, string>();

/**
 * An element's attributes as JSON text (what JSON.stringify gives) and, for the XML formats, each value as
 * escaped XML text (lists and objects as JSON): each value is serialised once for all three formats.
 */
function serialise(attributes: Record<string, unknown>, xml: boolean): { json: string; escaped?: Map<string, string> } {
  let json = '';
  const escaped = xml ? new Map<string, string>() : undefined;
  for (const name in attributes) {
    const value = attributes[name];
    if (value === undefined || typeof value === 'function' || typeof value === 'symbol') continue;
    const text = JSON.stringify(value);
    let key = nameJson.get(name);
    if (key === undefined) nameJson.set(name, key = JSON.stringify(name));
    json += `${json ? ',' : ''}${key}:${text}`;
    if (!escaped || value === null) continue;
    if (typeof value === 'string') escaped.set(name, escapeXml(value));
    else if (typeof value === 'number') { if (Number.isFinite(value)) escaped.set(name, String(value)); }
    else if (typeof value === 'boolean') escaped.set(name, String(value));
    else escaped.set(name, escapeXml(text));
  }
  return { json: `{${json}}`, escaped };
}

/** One pass over the graph: every element is checked, then written to each output given. */
function writeFormats(source: GraphSource, outputs: Outputs, options: ValidateOptions): void {
  const checker = new GraphChecker(options);
  checker.shell({ attributes: source.attributes, options: source.options });
  const json = outputs.json && new JsonWriter(outputs.json);
  const graphml = outputs.graphml && new GraphmlWriter(outputs.graphml);
  const gexf = outputs.gexf && new GexfWriter(outputs.gexf);
  if (graphml || gexf) {
    // GraphML adds `label` to its attributes; GEXF puts it on the element. Two models when both are written.
    const withLabels = graphml ? attributeModels(source, true) : undefined;
    const without = gexf ? attributeModels(source, false) : undefined;
    graphml?.start(source, withLabels!.nodes, withLabels!.edges);
    gexf?.start(without!.nodes, without!.edges);
  }
  json?.start(source);
  const xml = Boolean(graphml || gexf);
  for (const node of source.nodes()) {
    checker.node(node);
    const { json: attributesJson, escaped } = serialise(node.attributes, xml);
    json?.node(node, attributesJson);
    if (!escaped) continue;
    const name = escaped.get('name') ?? escapeXml(node.key);
    gexf?.node(node.key, name, escaped);
    if (graphml) {
      if (!escaped.has('label')) escaped.set('label', name);
      graphml.node(node.key, escaped);
    }
  }
  json?.startEdges();
  gexf?.startEdges();
  for (const edge of source.edges()) {
    checker.edge(edge);
    const { json: attributesJson, escaped } = serialise(edge.attributes, xml);
    json?.edge(edge, attributesJson);
    if (!escaped) continue;
    gexf?.edge(edge, escaped);
    if (graphml) {
      if (!escaped.has('label') && typeof edge.attributes.type === 'string') escaped.set('label', escaped.get('type')!);
      graphml.edge(edge, escaped);
    }
  }
  checker.finish();
  json?.end();
  graphml?.end();
  gexf?.end();
}

/** GraphML text for the graph (small graphs: the whole text is one string). */
export function toGraphml(graph: KgGraph | GraphStore): string {
  const out = new StringSink();
  writeFormats(graphSource(graph), { graphml: out }, {});
  return out.toString();
}

/** GEXF text for the graph (small graphs: the whole text is one string). */
export function toGexf(graph: KgGraph | GraphStore): string {
  const out = new StringSink();
  writeFormats(graphSource(graph), { gexf: out }, {});
  return out.toString();
}

export interface WrittenGraphFiles { json: string; graphml: string; gexf: string }

/**
 * Checks the graph against the contract while it writes graph.json, graph.graphml and graph.gexf into
 * `outDir`. When a check fails (GraphValidationError), the three files are removed again.
 */
export async function writeGraphFiles(graph: KgGraph | GraphStore, outDir: string, options: ValidateOptions = {}): Promise<WrittenGraphFiles> {
  await mkdir(outDir, { recursive: true });
  const files = {
    json: path.join(outDir, 'graph.json'),
    graphml: path.join(outDir, 'graph.graphml'),
    gexf: path.join(outDir, 'graph.gexf'),
  };
  const sinks: FileSink[] = [];
  try {
    const json = new FileSink(files.json); sinks.push(json);
    const graphml = new FileSink(files.graphml); sinks.push(graphml);
    const gexf = new FileSink(files.gexf); sinks.push(gexf);
    writeFormats(graphSource(graph), { json, graphml, gexf }, options);
    for (const sink of sinks.splice(0)) sink.close();
  } catch (err) {
    for (const sink of sinks) { try { sink.close(); } catch { /* already failing */ } }
    for (const file of Object.values(files)) rmSync(file, { force: true });
    throw err;
  }
  return files;
}
