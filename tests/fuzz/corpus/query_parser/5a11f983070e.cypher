MATCH (a:Administration)-[r:SUSPENDED|CANCELED|FROZE]->(m:Mechanism)
RETURN a.name AS administration, type(r) AS action, m.name AS mechanism, r.date AS date, r.quotes[0] AS quote
ORDER BY administration, action, mechanism