// person: a person's neighbourhood as a picture: the bodies they hold posts in (with the title on the edge),
// the areas of work they oversee, the meetings they presided over, addressed or attended, and where those bodies are.
// Community nodes are left out; the community slide of the guide shows them when asked.
// Parameters:
//   $name: string, required - a person: canonical name or alias
// Example: $name = 邵明远
MATCH (p:Person)
WHERE p.name = $name OR $name IN p.aliases
MATCH role = (p)-[:HOLDS_POSITION|OVERSEES|PRESIDES|ADDRESSES|ATTENDS]->(x)
OPTIONAL MATCH placed = (x:Organization)-[:LOCATED_IN]->(:Place)
RETURN role, placed
