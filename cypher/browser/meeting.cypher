// meeting: a meeting as a picture: who presided over it, who addressed it, who attended it,
// and the posts those people hold.
// Parameters:
//   $name: string, required - a meeting: its full canonical name or an alias
// Example: $name = 芜湖市第十七届人民代表大会第四次会议
MATCH (m:Meeting)
WHERE m.name = $name OR $name IN m.aliases
MATCH role = (person:Person)-[:PRESIDES|ADDRESSES|ATTENDS]->(m)
OPTIONAL MATCH post = (person)-[:HOLDS_POSITION]->(:Organization)
RETURN role, post
