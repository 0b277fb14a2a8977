UNWIND ['AIIB', 'ASCM', 'ASEAN', 'BFCEC', 'BIT', 'BRI', 'CAI', 'CAP', 'CASS', 'CCG', 'CCP', 'CD', 'CED', 'CICIR', 'COLREGS', 'CORSIA', 'CPC', 'CSIS', 'DOC', 'COC', 'DSB', 'DSU', 'FOIP', 'FONOPs', 'GATS', 'GCF', 'GMS', 'GND', 'ICAO', 'IDA', 'JEC', 'JCCT', 'MEE', 'MPIA', 'NDC', 'OSD', 'PCCIF', 'PLA', 'PTETA', 'RCEP', 'SD', 'SDT', 'SED', 'TPP', 'TRIMs', 'UFWD', 'UNCLOS', 'USMCA', 'USPACOM', 'USSR', 'USTR', 'WHO', 'WPNS', 'WTO', 'DoD', 'MND', 'TAIPEI Act'] AS alias
OPTIONAL MATCH (n) WHERE alias IN n.aliases
WITH alias, n ORDER BY n.key
RETURN alias, collect(n.key) AS nodes
ORDER BY alias