// The per-document record: what extraction of ONE document produces.
// It is serialisable (structured clone / JSON) so that it can cross a worker
// thread or a machine boundary; everything across documents happens later in
// src/graph. These zod schemas are the single source of truth for the types.
import { z } from 'zod';

export const ENTITY_TYPES = ['Person', 'Place', 'Organization', 'Enterprise', 'Project', 'Industry', 'Area', 'Meeting'] as const;
export const EntityType = z.enum(ENTITY_TYPES);
export type EntityType = z.infer<typeof EntityType>;

export const RELATION_TYPES = [
  'HOLDS_POSITION', 'OVERSEES', 'PRESIDES', 'ATTENDS', 'ADDRESSES',
  'UNDERTAKES', 'LEADS_CHAIN', 'IN_INDUSTRY', 'LOCATED_IN', 'PART_OF', 'DEVELOPS',
] as const;
export const RelationType = z.enum(RELATION_TYPES);
export type RelationType = z.infer<typeof RelationType>;

export const PLACE_LEVELS = ['country', 'province', 'city', 'county', 'town', 'village'] as const;
export const PlaceLevel = z.enum(PLACE_LEVELS);
export type PlaceLevel = z.infer<typeof PlaceLevel>;

/** Half-open character range [start, end) in the document's normalised text. */
export const Span = z.object({ start: z.number().int().nonnegative(), end: z.number().int().nonnegative() });
export type Span = z.infer<typeof Span>;

/** Where something was seen: the document, the span, and the sentence around it (so an edge shows its source). */
export const Evidence = z.object({
  doc: z.string(),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  text: z.string().optional(),
});
export type Evidence = z.infer<typeof Evidence>;

export const Mention = z.object({
  /** Unique within the document. */
  id: z.string(),
  type: EntityType,
  /** Canonical name as far as this document can tell (place-qualified, Simplified). */
  name: z.string().min(1),
  /** Other surface forms seen in this document. */
  aliases: z.array(z.string()),
  evidence: z.array(Evidence).min(1),
  /** Place only. */
  level: PlaceLevel.optional(),
  /** Place only: GB/T 2260 code, the key used for resolution and PART_OF. */
  code: z.string().optional(),
});
export type Mention = z.infer<typeof Mention>;

export const Relation = z.object({
  type: RelationType,
  from: z.string(),
  to: z.string(),
  evidence: z.array(Evidence).min(1),
  title: z.string().optional(),
  basis: z.string().optional(),
});
export type Relation = z.infer<typeof Relation>;

export const DocRecord = z.object({
  doc: z.string(),
  /** Characters of normalised text; offsets index that text. */
  chars: z.number().int().nonnegative(),
  /** The place the document is about, inferred from its text (canonical name), if any. */
  place: z.string().optional(),
  /** The document's heading (its first line, when that reads as one), if any. */
  title: z.string().optional(),
  /** The first date the text states: YYYY-MM-DD, or YYYY-MM when it gives no day. */
  date: z.string().optional(),
  mentions: z.array(Mention),
  relations: z.array(Relation),
});
export type DocRecord = z.infer<typeof DocRecord>;
