MATCH (:Administration {key: 'trump_administration'})-[r:CANCELED]->(:Mechanism {key: 'ccwg'})
UNWIND range(0, size(r.sources) - 1) AS i
MATCH (d:Document {key: r.sources[i]})
RETURN d.title AS document, d.author AS author, r.quotes[i] AS quote