// path: the shortest path between two named entities, over the contract's relationships
// (not through Community nodes), in either direction; at most 10 hops.
// Parameters:
//   $from: name, required - an entity: canonical name or alias
//   $to: name, required - an entity: canonical name or alias
MATCH (a) WHERE NOT a:Community AND (a.name = $from OR $from IN a.aliases)
MATCH (b) WHERE NOT b:Community AND (b.name = $to OR $to IN b.aliases) AND a <> b
MATCH p = shortestPath((a)-[:HOLDS_POSITION|OVERSEES|PRESIDES|ATTENDS|ADDRESSES|UNDERTAKES|LEADS_CHAIN|IN_INDUSTRY|LOCATED_IN|PART_OF|DEVELOPS*..10]-(b))
WITH p, nodes(p) AS ns, relationships(p) AS rs
RETURN length(p) AS hops,
       reduce(s = ns[0].name, i IN range(0, size(rs) - 1) |
         s + CASE WHEN startNode(rs[i]) = ns[i] THEN ' -[' + type(rs[i]) + ']-> ' ELSE ' <-[' + type(rs[i]) + ']- ' END + ns[i + 1].name) AS path,
       [r IN rs | r.sentence] AS sentences
ORDER BY hops, path
LIMIT 5
