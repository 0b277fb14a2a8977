MATCH (m:Mechanism)
WITH coalesce(m.status, '(not stated)') AS status, m ORDER BY m.name
WITH status, collect(m.name) AS mechanisms
RETURN status, size(mechanisms) AS n, mechanisms[0..4] AS first_four
ORDER BY n DESC, status