// who-oversees: the posts a person holds (HOLDS_POSITION, with title) and what they oversee (OVERSEES, with basis);
// given an organisation or an area of work instead, who holds posts in it or oversees it.
// Parameters:
//   $name: name of Person|Organization|Area, required - a person, organisation or area: canonical name or alias
MATCH (n)
WHERE (n:Person OR n:Organization OR n:Area)
  AND (n.name = $name OR $name IN n.aliases)
MATCH (n)-[r:HOLDS_POSITION|OVERSEES]-(other)
WITH r, startNode(r) AS person, endNode(r) AS target
RETURN person.name AS person,
       type(r) AS relation,
       coalesce(r.title, r.basis) AS as,
       target.name AS target,
       [l IN labels(target) WHERE l IN ['Organization', 'Area']][0] AS target_type,
       r.sentence AS sentence
ORDER BY person, relation, target, as
