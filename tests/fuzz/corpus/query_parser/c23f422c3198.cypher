MATCH (a)-[r:REJOINED|RESUMED]->(x)
WHERE a.key IN ['biden_administration', 'joe_biden']
WITH x, r, a ORDER BY a.name
RETURN x.name AS what, type(r) AS action, collect(a.name) AS by, r.date AS date
ORDER BY what, action