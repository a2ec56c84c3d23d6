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

interface KeyedRelation { relation: Relation; keyTitle: string }

/** Is there evidence starting at `start`? */
function hasStart(evidence: Evidence[], start: number): boolean {
  for (let k = 0; k < evidence.length; k++) if (evidence[k].start === start) return true;
  return false;
}

export class DocBuilder {
  readonly sentences: Sentence[];
  places: DocPlaces = { placeholder: false };
  private readonly mentions = new Map<string, Mention>();
  private readonly relations = new Map<string, Relation>();
  // Lookups that need no id or key string built per call (stages call mention and relate very often;
  // hashing a freshly concatenated string each time showed in profiles). `mentions` and `relations`
  // keep the order and stay the records of truth; these index the same objects.
  private readonly mentionsByName = new Map<EntityType, Map<string, Mention>>();
  /** from id → to id → the relations between them, each with the title part of its key (see relate). */
  private relationsByEnds = new Map<string, Map<string, KeyedRelation[]>>();

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
    let byName = this.mentionsByName.get(type);
    if (!byName) this.mentionsByName.set(type, (byName = new Map()));
    let m = byName.get(name);
    if (!m) {
      const id = `${type}:${name}`;
      m = { id, type, name, aliases: [], evidence: [] };
      if (extra.level) m.level = extra.level;
      if (extra.code) m.code = extra.code;
      this.mentions.set(id, m);
      byName.set(name, m);
    }
    const aliases = extra.aliases;
    if (aliases) for (let k = 0; k < aliases.length; k++) {
      const a = aliases[k];
      if (a && a !== name && !m.aliases.includes(a)) m.aliases.push(a);
    }
    // An unqualified surface (市政府, 市委, 市五届人大五次会议) names a different body in every city's
    // text: as an alias it would merge them across documents. (Cheap tests first; the surface is cut only if needed.)
    if (extra.surfaceIsAlias !== false && end - start <= name.length + 12 && end > start && !(end - start === name.length && this.text.startsWith(name, start))) {
      const surface = this.text.slice(start, end);
      if (surface && !m.aliases.includes(surface) && !UNQUALIFIED.test(surface)) m.aliases.push(surface);
    }
    if (m.evidence.length < MAX_EVIDENCE_PER_MENTION && !hasStart(m.evidence, start)) m.evidence.push(this.spanOnly(start, end));
    return m.id;
  }

  /** Withdraw mentions of a type seen only inside [start, end) (a place inside a person's name). */
  retract(type: EntityType, start: number, end: number): void {
    for (const [id, m] of this.mentions) {
      if (m.type !== type) continue;
      m.evidence = m.evidence.filter((e) => !(e.start >= start && e.end <= end));
      if (m.evidence.length) continue;
      this.mentions.delete(id);
      this.mentionsByName.get(m.type)?.delete(m.name);
      let dropped = false;
      for (const [key, r] of this.relations) {
        if (r.from === id || r.to === id) { this.relations.delete(key); dropped = true; }
      }
      if (dropped) this.indexRelations();
    }
  }

  has(id: string): boolean { return this.mentions.has(id); }
  get(id: string): Mention | undefined { return this.mentions.get(id); }
  all(type?: EntityType): Mention[] { return [...this.mentions.values()].filter((m) => !type || m.type === type); }

  /** The ids `from` has a relation of this type to. */
  relationTargets(from: string, type: RelationType): string[] {
    const out: string[] = [];
    for (const [to, between] of this.relationsByEnds.get(from) ?? []) {
      if (between.some((k) => k.relation.type === type)) out.push(to);
    }
    return out;
  }

  /** Does `from` have a relation of this type to anything? */
  hasRelationFrom(from: string, type: RelationType): boolean {
    for (const between of this.relationsByEnds.get(from)?.values() ?? []) {
      for (const k of between) if (k.relation.type === type) return true;
    }
    return false;
  }

  relate(type: RelationType, from: string, to: string, start: number, end: number,
    props: { title?: string; basis?: string } = {}): void {
    if (from === to || !this.mentions.has(from) || !this.mentions.has(to)) return;
    // A relation is keyed by type, ends and (for HOLDS_POSITION only) title: `${type}|${from}|${to}|${keyTitle}`.
    const keyTitle = type === 'HOLDS_POSITION' ? props.title ?? '' : '';
    let fromHere = this.relationsByEnds.get(from);
    if (!fromHere) this.relationsByEnds.set(from, (fromHere = new Map()));
    let between = fromHere.get(to);
    if (!between) fromHere.set(to, (between = []));
    let r: Relation | undefined;
    for (let k = 0; k < between.length; k++) {
      if (between[k].relation.type === type && between[k].keyTitle === keyTitle) { r = between[k].relation; break; }
    }
    if (!r) {
      const key = `${type}|${from}|${to}|${keyTitle}`;
      r = this.relations.get(key); // only if names with | made two keys one
      if (!r) {
        r = { type, from, to, evidence: [] };
        if (props.title) r.title = props.title;
        if (props.basis) r.basis = props.basis;
        this.relations.set(key, r);
      } else if (!r.title && props.title) r.title = props.title;
      between.push({ relation: r, keyTitle });
    } else if (!r.title && props.title) r.title = props.title;
    if (r.evidence.length < MAX_EVIDENCE_PER_MENTION && !hasStart(r.evidence, start)) r.evidence.push(this.evidence(start, end));
  }

  /** relationsByEnds afresh from `relations` (after a retract). */
  private indexRelations(): void {
    this.relationsByEnds = new Map();
    for (const [key, r] of this.relations) {
      // The key is `${type}|${from}|${to}|${keyTitle}`: its title part is what follows the ends.
      const entry = { relation: r, keyTitle: key.slice(r.type.length + r.from.length + r.to.length + 3) };
      let fromHere = this.relationsByEnds.get(r.from);
      if (!fromHere) this.relationsByEnds.set(r.from, (fromHere = new Map()));
      const between = fromHere.get(r.to);
      if (between) between.push(entry); else fromHere.set(r.to, [entry]);
    }
  }

  record(): DocRecord {
    return {
      doc: this.doc,
      chars: this.text.length,
      ...(this.places.county ?? this.places.city ?? this.places.province ? { place: (this.places.county ?? this.places.city ?? this.places.province)!.name } : {}),
      mentions: [...this.mentions.values()],
      relations: [...this.relations.values()],
    };
  }
}
