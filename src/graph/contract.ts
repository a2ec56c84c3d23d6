// The exported graph (graph.json): graphology's own serialisation with the contract's node and
// edge attributes. Entities and their relations are the contract's core; Document nodes and their
// MENTIONS edges are additions (provenance as part of the graph), so a consumer that reads only the
// entity and relation types sees exactly what it saw before.
import { z } from 'zod';
import { EntityType, Evidence, PlaceLevel, RELATION_TYPES } from '../extract/records.js';

export const DOCUMENT_TYPE = 'Document' as const;
export const MENTIONS = 'MENTIONS' as const;

export const NODE_TYPES = [...EntityType.options, DOCUMENT_TYPE] as const;
export type NodeType = (typeof NODE_TYPES)[number];
export const EDGE_TYPES = [...RELATION_TYPES, MENTIONS] as const;
export const EdgeType = z.enum(EDGE_TYPES);
export type EdgeType = z.infer<typeof EdgeType>;

export const EntityNodeAttributes = z.object({
  type: EntityType,
  name: z.string().min(1),
  aliases: z.array(z.string()),
  evidence: z.array(Evidence).min(1),
  community: z.number().int(),
  level: PlaceLevel.optional(),
  code: z.string().optional(),
}).passthrough();
export type EntityNodeAttributes = z.infer<typeof EntityNodeAttributes>;

/** An input file. It takes no part in communities: every community would gather around its documents. */
export const DocumentNodeAttributes = z.object({
  type: z.literal(DOCUMENT_TYPE),
  /** The document id: the file's base name, as every evidence's `doc` names it. */
  name: z.string().min(1),
  title: z.string().optional(),
  date: z.string().optional(),
  /** The place the text is about (canonical name), when it tells. */
  place: z.string().optional(),
}).passthrough();
export type DocumentNodeAttributes = z.infer<typeof DocumentNodeAttributes>;

export const NodeAttributes = z.discriminatedUnion('type', [EntityNodeAttributes, DocumentNodeAttributes]);
export type NodeAttributes = z.infer<typeof NodeAttributes>;

export const EdgeAttributes = z.object({
  /** A relation type, or MENTIONS (Document → entity; its evidence is where the document names the entity). */
  type: EdgeType,
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

/** Node keys are `Type:name`; the name is canonical, so this is the identity of an entity (and `Document:<doc>` of a document). */
export const nodeKey = (type: string, name: string): string => `${type}:${name}`;

export const isEntity = (a: NodeAttributes): a is EntityNodeAttributes => a.type !== DOCUMENT_TYPE;
