// The exported graph (graph.json) as ../shared/schema.md defines it:
// graphology's own serialisation with the contract's node and edge attributes.
import { z } from 'zod';
import { EntityType, Evidence, PlaceLevel, RelationType } from '../extract/records.js';

export const NodeAttributes = z.object({
  type: EntityType,
  name: z.string().min(1),
  aliases: z.array(z.string()),
  evidence: z.array(Evidence).min(1),
  community: z.number().int(),
  level: PlaceLevel.optional(),
  code: z.string().optional(),
}).passthrough();
export type NodeAttributes = z.infer<typeof NodeAttributes>;

export const EdgeAttributes = z.object({
  type: RelationType,
  evidence: z.array(Evidence).min(1),
  title: z.string().optional(),
  basis: z.string().optional(),
}).passthrough();
export type EdgeAttributes = z.infer<typeof EdgeAttributes>;

export const ExportedGraph = z.object({
  attributes: z.record(z.string(), z.unknown()),
  options: z.object({ type: z.string(), multi: z.boolean(), allowSelfLoops: z.boolean() }).passthrough(),
  nodes: z.array(z.object({ key: z.string(), attributes: NodeAttributes })),
  edges: z.array(z.object({ key: z.string().optional(), source: z.string(), target: z.string(), attributes: EdgeAttributes })),
});
export type ExportedGraph = z.infer<typeof ExportedGraph>;

/** Node keys are `Type:name`; the name is canonical, so this is the identity of an entity. */
export const nodeKey = (type: string, name: string): string => `${type}:${name}`;
