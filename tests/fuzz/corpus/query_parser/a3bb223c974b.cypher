MATCH (a:Actor)-[r]-(x)
WHERE type(r) <> 'MENTIONS'
RETURN a.name AS actor, count(r) AS relationships, count(DISTINCT x) AS neighbours
ORDER BY relationships DESC, actor
LIMIT 10