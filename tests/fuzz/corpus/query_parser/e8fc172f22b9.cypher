MATCH (n)
UNWIND coalesce(n.aliases, []) AS a
MATCH (m {key: toLower(a)})
WHERE m <> n
RETURN n.key AS node, a AS alias, m.key AS other