MATCH (d:Document)
OPTIONAL MATCH (d)-[:PART_OF]->(r:Document)
OPTIONAL MATCH (p:Person)-[:AUTHORED]->(d)
WITH d, r, p ORDER BY p.name
WITH d, r, collect(p.name) AS authors
RETURN d.key AS document, r.key AS part_of, authors, d.publisher AS publisher, d.date AS date
ORDER BY d.seed, part_of, document