SELECT v FROM t
QUALIFY row_number() OVER (ORDER BY id) = 1
