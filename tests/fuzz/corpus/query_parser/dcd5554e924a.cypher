MATCH (p:Person)-[r:IN_OFFICE]->(a:Administration)-[:GOVERNS]->(:Country {key: 'united_states'})
WITH a, p, r ORDER BY p.name, r.role
WITH a, collect(p.name + coalesce(' (' + r.role + ')', '')) AS people
RETURN a.name AS administration, people
ORDER BY a.start