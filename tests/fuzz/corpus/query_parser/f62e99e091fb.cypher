MATCH (l:Law)-[:TARGETS]->(:Country {key: 'china'})
OPTIONAL MATCH (x:Actor)-[:ENACTED]->(l)
WITH l, x ORDER BY x.name
RETURN l.name AS law, l.kind AS kind, l.date AS date, collect(x.name) AS enacted_by
ORDER BY date, law