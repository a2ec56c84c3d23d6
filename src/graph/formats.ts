// The pieces the graph writers share: attribute models (GraphML and GEXF declare every attribute's type
// before the first element), output sinks, and the three formats' headers and per-element text.
// export.ts writes any graph through them; store-export.ts writes the compact store byte by byte.
import { closeSync, openSync, writeSync } from 'node:fs';
import { attrFromText, escapeAttr, stripXmlForbidden } from './escape.js';

export type Scalar = string | number | boolean;

export { stripXmlForbidden };

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

// ---------------------------------------------------------------- the graph, element by element

export interface Element { key: string; attributes: Record<string, unknown> }
export interface EdgeElement extends Element { source: string; target: string }

/** What the writers read: graph attributes and options, then nodes and edges one at a time. */
export interface GraphSource {
  attributes: Record<string, unknown>;
  options: { type: string; multi: boolean; allowSelfLoops: boolean };
  /** `withEvidence: false` may leave evidence lists empty (a pass that only looks at attribute names and types). */
  nodes(withEvidence?: boolean): Iterable<Element>;
  edges(withEvidence?: boolean): Iterable<EdgeElement>;
}

// ---------------------------------------------------------------- attribute types

export type GraphmlType = 'boolean' | 'int' | 'long' | 'double' | 'string';
export type GexfType = 'boolean' | 'integer' | 'long' | 'double' | 'string';

/** What the values of one attribute name have been so far. */
export class ValueKinds {
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
export class AttributeModel {
  readonly kinds = new Map<string, ValueKinds>();
  see(flat: Record<string, Scalar>): void {
    for (const name in flat) {
      let k = this.kinds.get(name);
      if (!k) this.kinds.set(name, k = new ValueKinds());
      k.see(flat[name]);
    }
  }
}

export const nodeLabel = (key: string, flat: Record<string, Scalar>): Scalar => flat.label ?? flat.name ?? key;

// ---------------------------------------------------------------- writers

export interface Sink { write(text: string): void }

/**
 * Appends text to a file through a 4 MB buffer. Small pieces are joined first and encoded 16 K characters
 * at a time: one Buffer.write per piece cost more than the encoding itself.
 */
export class FileSink implements Sink {
  private readonly fd: number;
  private readonly buffer = Buffer.allocUnsafe(4 << 20);
  private used = 0;
  private pending = '';
  constructor(readonly file: string) { this.fd = openSync(file, 'w'); }
  write(text: string): void {
    this.pending += text;
    if (this.pending.length >= 16384) this.encode();
  }
  /** Appends bytes[start, end) as they are. */
  writeBytes(bytes: Uint8Array, start: number, end: number): void {
    this.encode();
    const n = end - start;
    if (this.used + n > this.buffer.length) {
      this.flush();
      if (n > this.buffer.length) {
        let done = 0;
        while (done < n) done += writeSync(this.fd, bytes, start + done, n - done);
        return;
      }
    }
    this.buffer.set(bytes.subarray(start, end), this.used);
    this.used += n;
  }
  private encode(): void {
    const text = this.pending;
    if (!text) return;
    this.pending = '';
    // UTF-8 takes at most 3 bytes per UTF-16 code unit.
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
    try { this.encode(); this.flush(); } finally { closeSync(this.fd); }
  }
}

export class StringSink implements Sink {
  readonly parts: string[] = [];
  write(text: string): void { this.parts.push(text); }
  toString(): string { return this.parts.join(''); }
}

export class JsonWriter {
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

export interface KeySpec { id: string; name: string; type: GraphmlType }

/** GraphML; node `label` is the entity name so viewers show it, edge `label` the relation type. */
export class GraphmlWriter {
  nodeKeys: KeySpec[] = [];
  edgeKeys: KeySpec[] = [];
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
export class GexfWriter {
  nodeModel: Array<[string, GexfType]> = [];
  edgeModel: Array<[string, GexfType]> = [];
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
export function attributeModels(source: GraphSource, graphmlLabels: boolean): { nodes: AttributeModel; edges: AttributeModel } {
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

