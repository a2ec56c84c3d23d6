// posts: who holds which posts in the bodies located in a place (Organization -LOCATED_IN-> Place).
// Parameters:
//   $place: name of Place, required - a place: canonical name (e.g. a city with its suffix) or alias
MATCH (p:Place)
WHERE p.name = $place OR $place IN p.aliases
MATCH (org:Organization)-[:LOCATED_IN]->(p)
MATCH (person:Person)-[h:HOLDS_POSITION]->(org)
RETURN org.name AS organization,
       h.title AS title,
       person.name AS person,
       h.sentence AS sentence
ORDER BY organization, title, person
