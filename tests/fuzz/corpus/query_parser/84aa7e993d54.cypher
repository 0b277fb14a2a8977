MATCH (e:Event)
WHERE e.date.year = 2023
RETURN e.date AS date, e.precision AS precision, e.kind AS kind, e.name AS event
ORDER BY date, event