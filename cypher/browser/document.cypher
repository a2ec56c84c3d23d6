// document: one input file as a picture: its Document node and every entity it mentions (MENTIONS),
// with the relations between those entities.
// Parameters:
//   $name: string, required - a document: its file name (the `doc` of its evidence)
// Example: $name = wuhu-fengong.txt
MATCH (d:Document {name: $name})-[:MENTIONS]->(n)
WITH d, collect(n) AS named
UNWIND named AS a
MATCH mention = (d)-[:MENTIONS]->(a)
OPTIONAL MATCH link = (a)-[r]->(b)
  WHERE b IN named AND NOT type(r) IN ['IN_COMMUNITY', 'MENTIONS']
RETURN mention, link
