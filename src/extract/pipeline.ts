// The extraction pipeline for one document: raw text in, DocRecord out. Pure: no I/O.
// (Skeleton — stages are filled in by the extraction work.)
import type { DocRecord } from './records.js';

export interface RawDocument {
  /** The input file's base name; it is the `doc` of every evidence. */
  doc: string;
  /** Decoded text (already Unicode), HTML or plain. */
  text: string;
  format: 'html' | 'text';
}

export function extractDocument(input: RawDocument): DocRecord {
  return { doc: input.doc, chars: input.text.length, mentions: [], relations: [] };
}
