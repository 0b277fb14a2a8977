MATCH (a:Administration)-[:GOVERNS]->(:Country {key: 'united_states'})
MATCH (a)-[r:ESTABLISHED|SIGNED]->(m:Mechanism)
WITH a, m, min(r.date) AS date ORDER BY date, m.name
WITH a, collect(m.name + coalesce(' (' + toString(date.year) + ')', '')) AS mechanisms
RETURN a.name AS administration, size(mechanisms) AS n, mechanisms
ORDER BY a.start