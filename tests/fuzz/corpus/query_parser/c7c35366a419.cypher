MATCH (p:Person)-[r]-()
WHERE type(r) <> 'MENTIONS'
RETURN p.name AS person, p.role AS role, count(r) AS relationships
ORDER BY relationships DESC, person
LIMIT 10