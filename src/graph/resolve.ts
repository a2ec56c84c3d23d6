// Entity resolution across documents: one node per real-world thing. Two mentions of a type are the
// same entity when they share a surface form (a name or an alias: 临汾市政府 / 临汾市人民政府, 发改委
// forms, 中共 prefix), or when one enterprise name is another plus a company ending (宏远 / 宏远集团).
// Persons and places are kept by exact name: a shared surface there is not evidence of identity.
import { UNQUALIFIED } from '../extract/doc.js';
import type { DocRecord, EntityType } from '../extract/records.js';

const COMPANY_ENDINGS = ['集团', '集团公司', '集团有限公司', '有限公司', '股份有限公司', '公司', '控股'];
const EXACT_ONLY: ReadonlySet<EntityType> = new Set(['Person', 'Place', 'Area']);

export interface Resolution {
  /** `type:name` of a mention → the canonical name of its entity. */
  canonicalName: (type: EntityType, name: string) => string;
  /** All surface forms of a canonical entity, for its aliases. */
  formsOf: (type: EntityType, canonical: string) => string[];
}

/** One distinct `type:name` seen in the records, with every surface form and how much evidence it has. */
export interface SeenEntity { type: EntityType; name: string; forms: Set<string>; evidence: number }

export function resolveEntities(records: Iterable<DocRecord>): Resolution {
  const entities = new Map<string, SeenEntity>();
  for (const r of records) for (const m of r.mentions) {
    const key = `${m.type}:${m.name}`;
    let e = entities.get(key);
    if (!e) entities.set(key, e = { type: m.type, name: m.name, forms: new Set([m.name]), evidence: 0 });
    for (const a of m.aliases) e.forms.add(a);
    e.evidence += m.evidence.length;
  }
  return resolveSeen(entities);
}

/** Resolution of the distinct entities seen, keyed `type:name`, in the order they were first seen. */
export function resolveSeen(entities: ReadonlyMap<string, SeenEntity>): Resolution {
  const parent = new Map<string, string>();
  const find = (k: string): string => {
    let root = k;
    while (parent.get(root) && parent.get(root) !== root) root = parent.get(root)!;
    parent.set(k, root);
    return root;
  };
  const union = (a: string, b: string) => { const ra = find(a), rb = find(b); if (ra !== rb) parent.set(ra, rb); };

  const byForm = new Map<string, string>();
  for (const [key, e] of entities) {
    parent.set(key, key);
    if (EXACT_ONLY.has(e.type)) continue;
    for (const form of e.forms) {
      // Records from older extractions may still carry unqualified surfaces; they identify nothing.
      if (UNQUALIFIED.test(form) && form !== e.name) continue;
      const formKey = `${e.type}:${form}`;
      const other = byForm.get(formKey);
      if (other) union(key, other); else byForm.set(formKey, key);
    }
  }
  // 宏远 / 宏远集团: look each enterprise name up with every company ending (linear, not pairwise).
  for (const [key, e] of entities) {
    if (e.type !== 'Enterprise') continue;
    for (const ending of COMPANY_ENDINGS) {
      const longer = `Enterprise:${e.name}${ending}`;
      if (entities.has(longer)) union(key, longer);
    }
  }

  const groups = new Map<string, SeenEntity[]>();
  for (const key of entities.keys()) {
    const root = find(key);
    const group = groups.get(root);
    if (group) group.push(entities.get(key)!); else groups.set(root, [entities.get(key)!]);
  }
  const canonical = new Map<string, string>();
  const forms = new Map<string, string[]>();
  for (const members of groups.values()) {
    // Enterprises take the longest form seen (the schema); other types the best-attested name.
    const chosen = members[0].type === 'Enterprise'
      ? members.reduce((a, b) => (b.name.length > a.name.length ? b : a))
      : members.reduce((a, b) => (b.evidence > a.evidence || (b.evidence === a.evidence && b.name.length > a.name.length) ? b : a));
    const all = new Set<string>();
    for (const m of members) { canonical.set(`${m.type}:${m.name}`, chosen.name); for (const f of m.forms) all.add(f); }
    all.delete(chosen.name);
    forms.set(`${chosen.type}:${chosen.name}`, [...all]);
  }
  return {
    canonicalName: (type, name) => canonical.get(`${type}:${name}`) ?? name,
    formsOf: (type, name) => forms.get(`${type}:${name}`) ?? [],
  };
}
