// enterprise-projects: enterprises and the projects they undertake (UNDERTAKES), with the sentence behind each,
// filtered by enterprise, by industry (the enterprise's or the project's, IN_INDUSTRY or LEADS_CHAIN)
// or by place (located there or in a place that is PART_OF it). Parameters left out do not filter.
// Parameters:
//   $enterprise: name of Enterprise, optional - an enterprise: canonical name or alias
//   $industry: name of Industry, optional - an industry: canonical name or alias
//   $place: name of Place, optional - a place: canonical name or alias
MATCH (e:Enterprise)
WHERE ($enterprise IS NULL OR e.name = $enterprise OR $enterprise IN e.aliases)
OPTIONAL MATCH (e)-[u:UNDERTAKES]->(project:Project)
WITH e, u, project
WHERE ($industry IS NULL
       OR EXISTS { MATCH (e)-[:IN_INDUSTRY|LEADS_CHAIN]->(i:Industry) WHERE i.name = $industry OR $industry IN i.aliases }
       OR EXISTS { MATCH (project)-[:IN_INDUSTRY]->(i:Industry) WHERE i.name = $industry OR $industry IN i.aliases })
  AND ($place IS NULL
       OR EXISTS { MATCH (e)-[:LOCATED_IN]->(:Place)-[:PART_OF*0..4]->(pl:Place) WHERE pl.name = $place OR $place IN pl.aliases }
       OR EXISTS { MATCH (project)-[:LOCATED_IN]->(:Place)-[:PART_OF*0..4]->(pl:Place) WHERE pl.name = $place OR $place IN pl.aliases })
RETURN e.name AS enterprise,
       project.name AS project,
       COLLECT { MATCH (e)-[:IN_INDUSTRY|LEADS_CHAIN]->(i:Industry) RETURN DISTINCT i.name ORDER BY i.name } AS industries,
       u.sentence AS sentence,
       // The documents, read from the evidence ({"doc":…,"start":…,"end":…}, as the loader writes it), each once.
       reduce(docs = [], d IN [e IN coalesce(u.evidence, []) | substring(e, 8, size(e) - 18 - size(last(split(e, '","start":'))))]
              | CASE WHEN d IN docs THEN docs ELSE docs + d END) AS docs
ORDER BY enterprise, project
