MATCH (a:Person)-[m:MET]->(b:Person)
OPTIONAL MATCH (a)-[:PARTICIPATED_IN]->(e:Event)<-[:PARTICIPATED_IN]-(b)
WHERE e.date = m.date
OPTIONAL MATCH (e)-[:ABOUT]->(t)
WITH m, a, b, e, t ORDER BY t.name
RETURN m.date AS date, m.precision AS precision, a.name AS person, b.name AS met, m.place AS place, collect(t.name) AS about
ORDER BY date, person, met