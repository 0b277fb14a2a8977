MATCH (x:Person {key: 'xi_jinping'})-[r]-(t)
WHERE NOT type(r) IN ['MENTIONS', 'RECOMMENDS']
RETURN CASE WHEN startNode(r) = x THEN 'Xi -[' + type(r) + ']->' ELSE '<-[' + type(r) + ']-' END AS fact, t.name AS other, r.date AS date, r.sources AS sources
ORDER BY fact, other, date