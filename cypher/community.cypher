// community: the members of a community (IN_COMMUNITY), best connected first.
// Give its id, or the name (or alias) of any member.
// Parameters:
//   $id: integer, optional - the community id (the `community` property of its members)
//   $name: name, optional - an entity whose community is wanted: canonical name or alias
// Requires one of: $id $name
MATCH (c:Community)
WHERE c.id = $id
   OR EXISTS { MATCH (n)-[:IN_COMMUNITY]->(c) WHERE n.name = $name OR $name IN n.aliases }
MATCH (member)-[:IN_COMMUNITY]->(c)
RETURN c.id AS community,
       c.label AS label,
       [l IN labels(member) WHERE l IN ['Person', 'Place', 'Organization', 'Enterprise', 'Project', 'Industry', 'Area', 'Meeting']][0] AS type,
       member.name AS member,
       COUNT { (member)-[r]-() WHERE type(r) <> 'IN_COMMUNITY' } AS degree
ORDER BY community, degree DESC, member
