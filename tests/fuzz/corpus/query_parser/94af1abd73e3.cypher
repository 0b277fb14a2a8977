MATCH p = (:Mechanism {key: 'strategic_and_economic_dialogue'})<-[:PART_OF*1..3]-(x)
RETURN x.name AS part, length(p) AS depth, [n IN reverse(nodes(p)) | n.key] AS chain
ORDER BY depth, part