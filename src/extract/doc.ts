// The document being extracted: its text and sentences, the place it is about, and the registry of
// mentions and relations that every stage adds to. One per document; nothing here sees another document.
import type { DocRecord, EntityType, Evidence, Mention, PlaceLevel, Relation, RelationType } from './records.js';
import { splitSentences, type Sentence } from './text.js';

export interface PlaceRef { name: string; code: string; level: PlaceLevel }

export interface DocPlaces {
  province?: PlaceRef;
  city?: PlaceRef;
  county?: PlaceRef;
  /** The text's place is a placeholder (×市): unqualified references name nothing. */
  placeholder: boolean;
}

const MAX_EVIDENCE_PER_MENTION = 8;
export const UNQUALIFIED = /^(中共|中国共产党|民革|民盟|民建|民进|农工党|致公党|九三学社|台盟|共青团|团)?[市省县区]/;
const EVIDENCE_CONTEXT = 120;

export class DocBuilder {
  readonly sentences: Sentence[];
  places: DocPlaces = { placeholder: false };
  private readonly mentions = new Map<string, Mention>();
  private readonly relations = new Map<string, Relation>();

  constructor(readonly doc: string, readonly text: string) {
    this.sentences = splitSentences(text);
  }

  /** The sentence around an offset (binary search over sentence starts). */
  sentenceAt(offset: number): Sentence {
    let lo = 0, hi = this.sentences.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.sentences[mid].start <= offset) lo = mid; else hi = mid - 1;
    }
    return this.sentences[lo] ?? { start: 0, end: this.text.length, text: this.text };
  }

  /** Where an entity was seen: offsets only (the sentence travels with relations, where readers look for it). */
  private spanOnly(start: number, end: number): Evidence {
    return { doc: this.doc, start, end };
  }

  evidence(start: number, end: number): Evidence {
    const s = this.sentenceAt(start);
    // Long sentences are cut around the span so that an edge still shows readable context.
    const from = Math.max(s.start, Math.min(start - EVIDENCE_CONTEXT / 2, s.end - EVIDENCE_CONTEXT));
    const to = Math.min(s.end, Math.max(end + EVIDENCE_CONTEXT / 2, from + EVIDENCE_CONTEXT));
    return { doc: this.doc, start, end, text: this.text.slice(Math.min(from, start), Math.max(to, end)) };
  }

  /** Register (or add evidence to) an entity; returns its id. */
  mention(type: EntityType, name: string, start: number, end: number,
    extra: { aliases?: string[]; level?: PlaceLevel; code?: string; surfaceIsAlias?: boolean } = {}): string {
    const id = `${type}:${name}`;
    let m = this.mentions.get(id);
    if (!m) {
      m = { id, type, name, aliases: [], evidence: [] };
      if (extra.level) m.level = extra.level;
      if (extra.code) m.code = extra.code;
      this.mentions.set(id, m);
    }
    for (const a of extra.aliases ?? []) if (a && a !== name && !m.aliases.includes(a)) m.aliases.push(a);
    const surface = this.text.slice(start, end);
    // An unqualified surface (市政府, 市委, 市五届人大五次会议) names a different body in every city's
    // text: as an alias it would merge them across documents.
    if (extra.surfaceIsAlias !== false && !UNQUALIFIED.test(surface) && surface && surface !== name && !m.aliases.includes(surface) && end - start <= name.length + 12) m.aliases.push(surface);
    if (m.evidence.length < MAX_EVIDENCE_PER_MENTION && !m.evidence.some((e) => e.start === start)) m.evidence.push(this.spanOnly(start, end));
    return id;
  }

  /** Withdraw mentions of a type seen only inside [start, end) (a place inside a person's name). */
  retract(type: EntityType, start: number, end: number): void {
    for (const [id, m] of this.mentions) {
      if (m.type !== type) continue;
      m.evidence = m.evidence.filter((e) => !(e.start >= start && e.end <= end));
      if (m.evidence.length) continue;
      this.mentions.delete(id);
      for (const [key, r] of this.relations) if (r.from === id || r.to === id) this.relations.delete(key);
    }
  }

  has(id: string): boolean { return this.mentions.has(id); }
  get(id: string): Mention | undefined { return this.mentions.get(id); }
  all(type?: EntityType): Mention[] { return [...this.mentions.values()].filter((m) => !type || m.type === type); }

  relate(type: RelationType, from: string, to: string, start: number, end: number,
    props: { title?: string; basis?: string } = {}): void {
    if (from === to || !this.mentions.has(from) || !this.mentions.has(to)) return;
    const key = `${type}|${from}|${to}|${type === 'HOLDS_POSITION' ? props.title ?? '' : ''}`;
    let r = this.relations.get(key);
    if (!r) {
      r = { type, from, to, evidence: [] };
      if (props.title) r.title = props.title;
      if (props.basis) r.basis = props.basis;
      this.relations.set(key, r);
    } else if (!r.title && props.title) r.title = props.title;
    if (r.evidence.length < MAX_EVIDENCE_PER_MENTION && !r.evidence.some((e) => e.start === start)) r.evidence.push(this.evidence(start, end));
  }

  record(): DocRecord {
    return {
      doc: this.doc,
      chars: this.text.length,
      ...(this.places.city ?? this.places.province ? { place: (this.places.city ?? this.places.province)!.name } : {}),
      mentions: [...this.mentions.values()],
      relations: [...this.relations.values()],
    };
  }
}
