CREATE (a:Person {name: 'Ann', age: 30}), (b:Person {name: 'Bob', age: 25}),
       (c:Person:Admin {name: 'Cid'}), (d:City {name: 'Oslo'}),
       (a)-[:KNOWS {since: 2010}]->(b), (b)-[:KNOWS]->(c), (a)-[:LIVES_IN]->(d)