// community: one community as a picture: its Community node, its 40 best-connected members and the relations
// among them (a larger picture is unreadable at the default zoom).
// Parameters:
//   $id: integer, required - the community id (the `community` property of its members)
// Example: $id = 1
MATCH (c:Community {id: $id})<-[:IN_COMMUNITY]-(n)
WITH c, n ORDER BY COUNT { (n)-[r]-() WHERE NOT type(r) IN ['IN_COMMUNITY', 'MENTIONS'] } DESC, n.name LIMIT 40
WITH c, collect(n) AS members
UNWIND members AS a
OPTIONAL MATCH link = (a)-[r]->(b)
  WHERE b IN members AND NOT type(r) IN ['IN_COMMUNITY', 'MENTIONS']
RETURN c, a, link
