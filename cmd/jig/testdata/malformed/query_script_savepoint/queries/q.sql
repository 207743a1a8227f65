UPDATE t SET v = upper(v);
BEGIN;
  SAVEPOINT before_select;
COMMIT;
SELECT v FROM t
