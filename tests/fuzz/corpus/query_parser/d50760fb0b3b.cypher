MATCH (a:Actor)-->(x)-[:ADDRESSES|ABOUT]->(c:Issue)
WHERE c.key IN ['climate_change', 'clean_energy'] AND NOT x:Document AND NOT a:Country
WITH a, count(DISTINCT x) AS climate
MATCH (a)-->(y)-[:ADDRESSES|ABOUT]->(s:Issue)
WHERE s.key IN ['military_security', 'maritime_safety', 'crisis_management', 'south_china_sea', 'nuclear_nonproliferation', 'cybersecurity'] AND NOT y:Document
RETURN a.name AS actor, climate, count(DISTINCT y) AS security
ORDER BY climate + security DESC, actor