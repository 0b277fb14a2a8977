MATCH (a)-[f:SUSPENDED|CANCELED|FROZE|STALLED]->(m:Mechanism)<-[:RECOMMENDS]-(d)
WITH m, type(f) + ' by ' + a.name AS fact, d.key AS recommender ORDER BY fact, recommender
WITH m, collect(DISTINCT fact) AS facts, collect(DISTINCT recommender) AS recommended_by
RETURN m.name AS mechanism, facts, recommended_by
ORDER BY mechanism