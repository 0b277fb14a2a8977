MATCH (d:Document)-[r:RECOMMENDS]->(m:Dialogue)
WHERE NOT m.key IN ['track_i_dialogues', 'track_ii_dialogues']
RETURN d.key AS chapter, m.name AS dialogue, r.text AS recommendation
ORDER BY chapter, dialogue, recommendation