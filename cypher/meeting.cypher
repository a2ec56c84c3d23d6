// meeting: who presided over, addressed and attended a meeting (PRESIDES, ADDRESSES, ATTENDS).
// Parameters:
//   $name: name of Meeting, required - a meeting: its full canonical name or an alias
MATCH (m:Meeting)
WHERE m.name = $name OR $name IN m.aliases
MATCH (person:Person)-[r:PRESIDES|ADDRESSES|ATTENDS]->(m)
RETURN m.name AS meeting,
       type(r) AS role,
       person.name AS person,
       r.title AS title,
       r.sentence AS sentence
ORDER BY meeting, CASE type(r) WHEN 'PRESIDES' THEN 0 WHEN 'ADDRESSES' THEN 1 ELSE 2 END, person
