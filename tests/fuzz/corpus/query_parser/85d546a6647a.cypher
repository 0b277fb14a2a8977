MATCH (n)
UNWIND [n.name] + coalesce(n.aliases, []) AS s
WITH toLower(s) AS s, collect(DISTINCT n.key) AS keys
WHERE size(keys) > 1
RETURN s, keys