params {"s": 1, "l": 1}
UNWIND range(1, 3) AS i RETURN i ORDER BY i SKIP $s LIMIT $l