// graph.json, GraphML and GEXF written straight from the compact store (src/graph/store.ts), byte for
// byte what the generic writers of export.ts write for the same graph (test/graph-store.test.ts compares).
// Most of those files is evidence, and most evidence is sentences: here a sentence is never decoded into
// a string. Its stored UTF-8 bytes are copied into each file when it is plain (escape.ts: nothing in it
// that JSON or XML escapes), which nearly every sentence is; the others take the string path.
//
// Why the pieces can be escaped one by one: JSON.stringify, escapeXml and escapeAttr change a string one
// character at a time (surrogates aside, and no piece boundary falls inside a pair: the pieces between
// them are ASCII), so the escaped evidence list is the concatenation of its escaped pieces.
import { attrFromText, escapeAttr, escapeXml, JSON_FORMS, stripXmlForbidden } from './escape.js';
import { AttributeModel, FileSink, GexfWriter, GraphmlWriter, JsonWriter, type GraphSource, type KeySpec, type Scalar } from './formats.js';
import type { EvidenceTable, GraphStore } from './store.js';
import type { GraphChecker } from './validate.js';

/** graph.json, graph.graphml, graph.gexf. */
export interface StoreSinks { json: FileSink; graphml: FileSink; gexf: FileSink }

const JSON_TEXT = 0, GRAPHML_TEXT = 1, GEXF_ATTR = 2;

/** The constant parts of an evidence list in one of the three forms. */
interface EvidenceParts { open: string; item: string; start: string; end: string; text: string; close: string; sep: string; quote: string; closeList: string }

const evidenceParts = (form: (json: string) => string): EvidenceParts => ({
  open: form('['), item: form('{"doc":'), start: form(',"start":'), end: form(',"end":'), text: form(',"text":'),
  close: form('}'), sep: form(','), quote: form('"'), closeList: form(']'),
});

/** Writes evidence lists from the store's tables, sentences included, in the three forms. */
class EvidenceWriter {
  private readonly parts = JSON_FORMS.map(evidenceParts);
  /** Each document's name as JSON text, in the three forms. */
  private readonly docs: string[][];
  constructor(private readonly store: GraphStore) {
    this.docs = JSON_FORMS.map((form) => store.docs.map((d) => form(JSON.stringify(d))));
  }

  write(sink: FileSink, form: number, t: EvidenceTable, owner: number): void {
    const p = this.parts[form], docs = this.docs[form], texts = this.store.texts;
    let s = p.open;
    for (let k = t.offsets[owner], first = k; k < t.offsets[owner + 1]; k++) {
      if (k > first) s += p.sep;
      s += `${p.item}${docs[t.doc[k]]}${p.start}${t.start[k]}${p.end}${t.end[k]}`;
      const length = k < t.textLength.length ? t.textLength[k] : -1;
      if (length >= 0) {
        const ref = { offset: t.textOffset[k], length };
        const raw = texts.raw(ref);
        if (raw.plain) {
          sink.write(`${s}${p.text}${p.quote}`);
          sink.writeBytes(raw.bytes, raw.start, raw.end);
          s = p.quote;
        } else s += `${p.text}${JSON_FORMS[form](JSON.stringify(texts.get(ref)))}`;
      }
      s += p.close;
    }
    sink.write(s + p.closeList);
  }
}

/** The value a store element has under an attribute name: escaped XML text, or its evidence table. */
type XmlValue = string | EvidenceTable | undefined;

/**
 * The attribute models of the store's elements, as attributeModels (formats.ts) finds them on the
 * elements without evidence, but from the arrays: no element, key or JSON text is made.
 */
export function storeAttributeModels(store: GraphStore, graphmlLabels: boolean): { nodes: AttributeModel; edges: AttributeModel } {
  const nodes = new AttributeModel();
  const edges = new AttributeModel();
  // An empty list's JSON text stands for aliases and evidence: only a value's kind and emptiness matter here.
  for (let i = 0; i < store.entityCount; i++) {
    const name = stripXmlForbidden(store.nodeName[i]);
    const flat: Record<string, Scalar> = { type: store.nodeType[i], name, aliases: '[]', evidence: '[]', community: store.community[i] };
    const level = store.nodeLevel[i], code = store.nodeCode[i];
    if (level) flat.level = stripXmlForbidden(level);
    if (code) flat.code = stripXmlForbidden(code);
    if (graphmlLabels) flat.label = name;
    nodes.see(flat);
  }
  for (const d of store.documents) {
    const name = stripXmlForbidden(store.docs[d.doc]);
    const flat: Record<string, Scalar> = { type: 'Document', name };
    if (d.title) flat.title = stripXmlForbidden(d.title);
    if (d.date) flat.date = stripXmlForbidden(d.date);
    if (d.place) flat.place = stripXmlForbidden(d.place);
    if (graphmlLabels) flat.label = name;
    nodes.see(flat);
  }
  for (let i = 0; i < store.relationCount; i++) {
    const type = store.edgeType[i], title = store.edgeTitle[i], basis = store.edgeBasis[i];
    const flat: Record<string, Scalar> = { type, evidence: '[]' };
    if (title) flat.title = stripXmlForbidden(title);
    if (basis) flat.basis = stripXmlForbidden(basis);
    if (graphmlLabels) flat.label = type;
    edges.see(flat);
  }
  if (store.mentions.doc.length > 0) edges.see(graphmlLabels ? { type: 'MENTIONS', evidence: '[]', label: 'MENTIONS' } : { type: 'MENTIONS', evidence: '[]' });
  return { nodes, edges };
}

/**
 * One pass over the store, writing the files given: graph.json (each element checked first, its evidence
 * without the sentences, which are strings by construction), GraphML and GEXF. kg build writes graph.json
 * on one thread and the two XML files on another (xml-worker.ts).
 */
export function writeStoreFormats(store: GraphStore, sinks: Partial<StoreSinks>, checker?: GraphChecker): void {
  const json = sinks.json && new JsonWriter(sinks.json);
  const graphml = sinks.graphml && new GraphmlWriter(sinks.graphml);
  const gexf = sinks.gexf && new GexfWriter(sinks.gexf);
  const source = store as unknown as GraphSource;
  if (graphml) {
    const withLabels = storeAttributeModels(store, true);
    graphml.start(source, withLabels.nodes, withLabels.edges);
  }
  if (gexf) {
    const without = storeAttributeModels(store, false);
    gexf.start(without.nodes, without.edges);
  }
  json?.start(source);
  const xml = Boolean(graphml || gexf);
  const evidence = new EvidenceWriter(store);
  const gexfNodeNames = gexf ? gexf.nodeModel.map(([name]) => name) : [];
  const gexfEdgeNames = gexf ? gexf.edgeModel.map(([name]) => name) : [];

  // Escaped values by attribute name, for the element being written.
  const escaped = new Map<string, XmlValue>();
  // Node keys come back as the ends of every edge, and attribute names with every element: each is escaped once.
  const attrCache = new Map<string, string>();
  const typeCache = new Map<string, string>();
  const typeText = (t: string): string => {
    let x = typeCache.get(t);
    if (x === undefined) typeCache.set(t, x = escapeXml(t));
    return x;
  };
  const attrOf = (s: string): string => {
    let a = attrCache.get(s);
    if (a === undefined) attrCache.set(s, a = escapeAttr(s));
    return a;
  };
  let jsonFirst = true;

  const writeJson = (key: string, ends: { source: string; target: string } | undefined, attributes: Record<string, unknown>, table: EvidenceTable | undefined, owner: number): void => {
    const out = sinks.json!;
    // The attributes in their order, evidence streamed from the table when there is one.
    let s = `${jsonFirst ? '' : ','}{"key":${JSON.stringify(key)}`;
    if (ends) s += `,"source":${JSON.stringify(ends.source)},"target":${JSON.stringify(ends.target)}`;
    s += ',"attributes":{';
    let firstAttribute = true;
    for (const name in attributes) {
      const value = attributes[name];
      if (value === undefined || typeof value === 'function' || typeof value === 'symbol') continue;
      s += `${firstAttribute ? '' : ','}${JSON.stringify(name)}:`;
      firstAttribute = false;
      if (name === 'evidence' && table) {
        out.write(s);
        evidence.write(out, JSON_TEXT, table, owner);
        s = '';
      } else s += JSON.stringify(value);
    }
    out.write(`${s}}}`);
    jsonFirst = false;
  };

  /** Each value as escaped XML text, as export.ts's serialise gives it (the evidence: its table). */
  const escapeValues = (attributes: Record<string, unknown>, table: EvidenceTable | undefined): void => {
    escaped.clear();
    for (const name in attributes) {
      const value = attributes[name];
      if (value === undefined || value === null || typeof value === 'function' || typeof value === 'symbol') continue;
      if (name === 'evidence' && table) escaped.set(name, table);
      else if (name === 'type' && typeof value === 'string') escaped.set(name, typeText(value));
      else if (typeof value === 'string') escaped.set(name, escapeXml(value));
      else if (typeof value === 'number') { if (Number.isFinite(value)) escaped.set(name, String(value)); }
      else if (typeof value === 'boolean') escaped.set(name, String(value));
      else escaped.set(name, escapeXml(JSON.stringify(value)));
    }
  };

  const writeXml = (
    kind: 'node' | 'edge', key: string, ends: { source: string; target: string } | undefined,
    attributes: Record<string, unknown>, table: EvidenceTable | undefined, owner: number,
  ): void => {
    escapeValues(attributes, table);
    const id = kind === 'node' ? attrOf(key) : escapeAttr(key);
    const endsAttr = ends ? ` source="${attrOf(ends.source)}" target="${attrOf(ends.target)}"` : '';
    if (kind === 'node') {
      const name = (escaped.get('name') as string | undefined) ?? escapeXml(key);
      const label = name ? ` label="${attrFromText(name)}"` : '';
      if (gexf) writeGexf(`      <node id="${id}"${label}>\n`, gexfNodeNames, table, owner, '      </node>\n');
      if (!escaped.has('label')) escaped.set('label', name);
      if (graphml) writeGraphml(`    <node id="${id}">\n`, graphml.nodeKeys, table, owner, '    </node>\n');
    } else {
      const l = String(attributes.type ?? '');
      if (gexf) writeGexf(`      <edge id="${id}"${endsAttr}${l ? ` label="${attrOf(l)}"` : ''}>\n`, gexfEdgeNames, table, owner, '      </edge>\n');
      if (!escaped.has('label') && typeof attributes.type === 'string') escaped.set('label', escaped.get('type'));
      if (graphml) writeGraphml(`    <edge id="${id}"${endsAttr}>\n`, graphml.edgeKeys, table, owner, '    </edge>\n');
    }
  };

  const writeGraphml = (open: string, keys: KeySpec[], table: EvidenceTable | undefined, owner: number, close: string): void => {
    const out = sinks.graphml!;
    let s = open;
    for (const k of keys) {
      const v = escaped.get(k.name);
      if (v === undefined) continue;
      if (typeof v === 'string') { s += `      <data key="${k.id}">${v}</data>\n`; continue; }
      out.write(`${s}      <data key="${k.id}">`);
      evidence.write(out, GRAPHML_TEXT, table!, owner);
      s = '</data>\n';
    }
    out.write(s + close);
  };

  const writeGexf = (open: string, names: string[], table: EvidenceTable | undefined, owner: number, close: string): void => {
    const out = sinks.gexf!;
    let s = open;
    if (names.length) {
      s += '        <attvalues>\n';
      for (const name of names) {
        const v = escaped.get(name);
        if (v === undefined || v === '') continue;
        if (typeof v === 'string') { s += `          <attvalue for="${attrOf(name)}" value="${attrFromText(v)}"/>\n`; continue; }
        out.write(`${s}          <attvalue for="${attrOf(name)}" value="`);
        evidence.write(out, GEXF_ATTR, table!, owner);
        s = '"/>\n';
      }
      s += '        </attvalues>\n';
    }
    out.write(s + close);
  };

  // Evidence comes from the tables: elements are made with it only for the check.
  const withEvidence = Boolean(checker);
  const mentionEvidence = store.mentionEvidence();
  let i = 0;
  for (const node of store.nodes(withEvidence)) {
    checker?.node(node);
    const table = i < store.entityCount ? store.nodeEvidence : undefined;
    if (json) writeJson(node.key, undefined, node.attributes, table, i);
    if (xml) writeXml('node', node.key, undefined, node.attributes, table, i);
    i++;
  }
  json?.startEdges();
  gexf?.startEdges();
  jsonFirst = true;
  i = 0;
  for (const edge of store.edges(withEvidence, false)) {
    checker?.edge(edge);
    const relation = i < store.relationCount;
    const table = relation ? store.edgeEvidence : mentionEvidence, owner = relation ? i : i - store.relationCount;
    if (json) writeJson(edge.key, edge, edge.attributes, table, owner);
    if (xml) writeXml('edge', edge.key, edge, edge.attributes, table, owner);
    i++;
  }
  checker?.finish();
  json?.end();
  graphml?.end();
  gexf?.end();
}
