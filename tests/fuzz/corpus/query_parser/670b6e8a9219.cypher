params {"rows": [{"k": 1}, {"k": 2}]}
UNWIND $rows AS row CREATE (:R {k: row.k})