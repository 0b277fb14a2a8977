MATCH (m:Mechanism)-[:ADDRESSES]->(i:Issue)
RETURN i.name AS issue, count(m) AS mechanisms
ORDER BY mechanisms DESC, issue
LIMIT 10