UNWIND ['CUES', 'POETA', 'Phase One', 'S&ED', 'CERC', 'DTL'] AS alias
MATCH (n) WHERE alias IN n.aliases
RETURN alias, n.key AS key, n.name AS name, [l IN labels(n) WHERE l <> 'Mechanism'] AS kind
ORDER BY alias