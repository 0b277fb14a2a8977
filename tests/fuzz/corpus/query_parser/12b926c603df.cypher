MATCH (d:Document)-[:MENTIONS]->(:Person {key: 'xi_jinping'})
RETURN d.key AS document, d.author AS author, d.publisher AS publisher
ORDER BY document