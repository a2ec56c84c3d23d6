// Worker thread: writes graph.graphml and graph.gexf from a snapshot of the store while the main thread
// writes graph.json (export.ts, writeGraphFiles). The two halves take about the same time, so the
// writing takes half as long on two cores. The store's typed arrays are shared, not copied.
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { FileSink } from './formats.js';
import { writeStoreFormats } from './store-export.js';
import { GraphStore, type StoreSnapshot } from './store.js';
import { openTexts } from './texts.js';

export interface XmlJob { snapshot: StoreSnapshot; graphml: string; gexf: string }
export type XmlOutcome = { ok: true } | { ok: false; message: string };

function run(job: XmlJob): XmlOutcome {
  const store = GraphStore.fromSnapshot(job.snapshot, openTexts(job.snapshot.texts));
  const sinks: FileSink[] = [];
  try {
    const graphml = new FileSink(job.graphml); sinks.push(graphml);
    const gexf = new FileSink(job.gexf); sinks.push(gexf);
    writeStoreFormats(store, { graphml, gexf });
    for (const sink of sinks.splice(0)) sink.close();
    return { ok: true };
  } catch (err) {
    for (const sink of sinks) { try { sink.close(); } catch { /* already failing */ } }
    return { ok: false, message: err instanceof Error ? err.stack ?? err.message : String(err) };
  } finally {
    store.close();
  }
}

if (!isMainThread && parentPort) parentPort.postMessage(run(workerData as XmlJob));
