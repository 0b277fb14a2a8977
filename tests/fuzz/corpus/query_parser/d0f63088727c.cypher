MATCH (p:Person)-[r:MEMBER_OF|LEADS]->(:Organization)-[:PART_OF*0..1]->(t:ThinkTank)
WITH t, p, r ORDER BY p.name, r.role
RETURN t.name AS think_tank, collect(DISTINCT p.name + coalesce(' (' + r.role + ')', '')) AS people
ORDER BY size(people) DESC, think_tank