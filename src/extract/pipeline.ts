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

/** The record plus the normalised text its offsets index (callers may write it out for readers). */
export function extractDocumentWithText(input: RawDocument): { record: DocRecord; text: string } {
  const text = input.text;
  return { record: { doc: input.doc, chars: text.length, mentions: [], relations: [] }, text };
}

export function extractDocument(input: RawDocument): DocRecord {
  return extractDocumentWithText(input).record;
}
