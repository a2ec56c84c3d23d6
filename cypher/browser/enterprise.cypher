// enterprise: an enterprise as a picture: the projects it undertakes, the industries it is in or leads the chain of,
// the industries of its projects, and where it and its projects are.
// Parameters:
//   $name: string, required - an enterprise: canonical name or alias
// Example: $name = 江岸重工集团
MATCH (e:Enterprise)
WHERE e.name = $name OR $name IN e.aliases
MATCH link = (e)-[:UNDERTAKES|IN_INDUSTRY|LEADS_CHAIN|LOCATED_IN|DEVELOPS]-(x)
OPTIONAL MATCH project = (x:Project)-[:IN_INDUSTRY|LOCATED_IN]->()
RETURN link, project
