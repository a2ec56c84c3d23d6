// Writes the graph in three formats: graph.json (the contract, graphology's own
// serialisation), GraphML (yEd, Gephi, Cytoscape) and GEXF (Gephi).
// XML formats only hold scalars, so lists and objects (aliases, evidence) become JSON strings.
//
// The three files are written in one pass over the graph, element by element, each element checked
// against the contract as it goes: no file, and no element's evidence, is ever held whole in memory.
// The graph is a graphology graph or the reduce step's compact store (src/graph/store.ts), which
// store-export.ts writes from its arrays, copying the evidence sentences as bytes: graph.json on this
// thread, GraphML and GEXF at the same time on another (xml-worker.ts).
import { rmSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { KgGraph } from './build.js';
import type { ExportedGraph } from './contract.js';
import { GraphStore } from './store.js';
import { writeStoreFormats } from './store-export.js';
import type { XmlJob, XmlOutcome } from './xml-worker.js';
import { escapeXml, stripXmlForbidden } from './escape.js';
import { GraphChecker, validateExportedGraph, type ValidateOptions } from './validate.js';
import {
  attributeModels, FileSink, flattenAttributes, GexfWriter, GraphmlWriter, JsonWriter, StringSink, toScalar,
  type GraphSource, type Scalar, type Sink,
} from './formats.js';

export { flattenAttributes, stripXmlForbidden, toScalar, type GraphSource, type Scalar };

/**
 * graph.export(), checked against the contract (throws GraphValidationError when it does not match).
 * The raw export is returned, not zod's parsed copy, so nothing graphology wrote is dropped.
 */
export function exportGraphJson(graph: KgGraph, options: ValidateOptions = {}): ExportedGraph {
  const exported = graph.export();
  validateExportedGraph(exported, options);
  return exported as unknown as ExportedGraph;
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

// Under vitest this module runs from src/ as TypeScript, where no worker script can be loaded: the compiled
// worker in dist/ is used then (test/global-build.ts compiles it before the tests).
const XML_WORKER_URL = import.meta.url.endsWith('.ts')
  ? new URL('../../dist/graph/xml-worker.js', import.meta.url)
  : new URL('./xml-worker.js', import.meta.url);
const XML_WORKER_HEAP_MB = 4096;

/** Writes graph.graphml and graph.gexf from the store in a worker thread; `stop` ends it early. */
function startXmlWorker(store: GraphStore, files: WrittenGraphFiles): { done: Promise<void>; stop: () => Promise<void> } {
  const job: XmlJob = { snapshot: store.snapshot(), graphml: files.graphml, gexf: files.gexf };
  const worker = new Worker(XML_WORKER_URL, { workerData: job, resourceLimits: { maxOldGenerationSizeMb: XML_WORKER_HEAP_MB } });
  const done = new Promise<void>((resolve, reject) => {
    let outcome: XmlOutcome | undefined;
    worker.on('message', (m: XmlOutcome) => { outcome = m; });
    worker.on('error', (err: Error) => reject(new Error(`writing GraphML and GEXF failed: ${err.message}`)));
    worker.on('exit', (code) => {
      if (outcome?.ok) resolve();
      else reject(new Error(`writing GraphML and GEXF failed: ${outcome ? outcome.message : `worker stopped (exit code ${code})`}`));
    });
  });
  done.catch(() => { /* reported by whoever awaits it */ });
  return { done, stop: async () => { await worker.terminate(); } };
}

/**
 * Checks the graph against the contract while it writes graph.json, graph.graphml and graph.gexf into
 * `outDir`. When a check fails (GraphValidationError), the three files are removed again. From the compact
 * store, graph.json is written here and the two XML files in a worker thread at the same time.
 */
export async function writeGraphFiles(graph: KgGraph | GraphStore, outDir: string, options: ValidateOptions = {}): Promise<WrittenGraphFiles> {
  await mkdir(outDir, { recursive: true });
  const files = {
    json: path.join(outDir, 'graph.json'),
    graphml: path.join(outDir, 'graph.graphml'),
    gexf: path.join(outDir, 'graph.gexf'),
  };
  const sinks: FileSink[] = [];
  let xml: ReturnType<typeof startXmlWorker> | undefined;
  try {
    if (graph instanceof GraphStore) {
      xml = startXmlWorker(graph, files);
      const checker = new GraphChecker(options);
      checker.shell({ attributes: graph.attributes, options: graph.options });
      const json = new FileSink(files.json); sinks.push(json);
      writeStoreFormats(graph, { json }, checker);
      sinks.splice(0).forEach((sink) => sink.close());
      await xml.done;
    } else {
      const json = new FileSink(files.json); sinks.push(json);
      const graphml = new FileSink(files.graphml); sinks.push(graphml);
      const gexf = new FileSink(files.gexf); sinks.push(gexf);
      writeFormats(graphSource(graph), { json, graphml, gexf }, options);
      for (const sink of sinks.splice(0)) sink.close();
    }
  } catch (err) {
    for (const sink of sinks) { try { sink.close(); } catch { /* already failing */ } }
    await xml?.stop();
    for (const file of Object.values(files)) {
      try { rmSync(file, { force: true }); } catch { /* not a file we wrote: the error says what went wrong */ }
    }
    throw err;
  }
  return files;
}
