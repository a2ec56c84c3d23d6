// The gold annotation format (docs/gold-format.md): what a hand-made annotation of one or more
// documents says the graph should contain. This zod schema is the single source of truth for it.
import { z } from 'zod';
import { EntityType, RelationType } from '../extract/records.js';

export const GoldRef = z.object({ type: EntityType, name: z.string().min(1) });
export type GoldRef = z.infer<typeof GoldRef>;

// docs and evidence may be missing here so that check-gold can name the item that lacks them
// instead of failing the whole file on its shape; the scorer does not need them.
export const GoldEntity = z.object({
  type: EntityType,
  name: z.string().min(1),
  aliases: z.array(z.string()).default([]),
  docs: z.array(z.string()).default([]),
  evidence: z.string().optional(),
}).passthrough();
export type GoldEntity = z.infer<typeof GoldEntity>;

export const GoldRelation = z.object({
  type: RelationType,
  from: GoldRef,
  to: GoldRef,
  title: z.string().optional(),
  basis: z.string().optional(),
  docs: z.array(z.string()).default([]),
  evidence: z.string().optional(),
}).passthrough();
export type GoldRelation = z.infer<typeof GoldRelation>;

export const GoldFile = z.object({
  /** The types this gold scores; extracted items of other types are ignored. */
  entityTypes: z.array(EntityType),
  relationTypes: z.array(RelationType),
  /** Every document the gold covers; precision counts only the exhaustive ones. */
  docs: z.record(z.string(), z.object({ exhaustive: z.boolean() }).passthrough()),
  entities: z.array(GoldEntity),
  relations: z.array(GoldRelation),
});
export type GoldFile = z.infer<typeof GoldFile>;

const union = <T>(a: readonly T[], b: readonly T[]): T[] => [...new Set([...a, ...b])];

/**
 * Several gold files as one: the same type + name is one entity (docs and aliases unioned), the
 * same relation (type, ends, title) is one relation (docs unioned). A document is exhaustive only
 * if every file that covers it says so: precision must not count a document someone left partial.
 */
export function mergeGold(files: readonly GoldFile[]): GoldFile {
  const docs: GoldFile['docs'] = {};
  const entities = new Map<string, GoldEntity>();
  const relations = new Map<string, GoldRelation>();
  let entityTypes: GoldFile['entityTypes'] = [];
  let relationTypes: GoldFile['relationTypes'] = [];
  for (const file of files) {
    entityTypes = union(entityTypes, file.entityTypes);
    relationTypes = union(relationTypes, file.relationTypes);
    for (const [doc, d] of Object.entries(file.docs)) {
      docs[doc] = { ...d, exhaustive: (docs[doc]?.exhaustive ?? true) && d.exhaustive };
    }
    for (const e of file.entities) {
      const key = JSON.stringify([e.type, e.name]);
      const seen = entities.get(key);
      entities.set(key, seen ? { ...seen, aliases: union(seen.aliases, e.aliases), docs: union(seen.docs, e.docs) } : { ...e });
    }
    for (const r of file.relations) {
      const key = JSON.stringify([r.type, r.from.type, r.from.name, r.to.type, r.to.name, r.title ?? null]);
      const seen = relations.get(key);
      relations.set(key, seen ? { ...seen, docs: union(seen.docs, r.docs) } : { ...r });
    }
  }
  return { entityTypes, relationTypes, docs, entities: [...entities.values()], relations: [...relations.values()] };
}
