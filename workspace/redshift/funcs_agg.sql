-- The ordered-set window forms Postgres lacks. RewriteQuery turns
-- PERCENTILE_CONT(f) WITHIN GROUP (ORDER BY x [DESC]) OVER (w) and
-- MEDIAN(x) OVER (w) into jig_rs_percentile_cont(f, array_agg(x) OVER (w),
-- desc), and PERCENTILE_DISC likewise: array_agg is an ordinary aggregate,
-- so it runs as a window function, and these sort what it collected.
-- NULLs are ignored; an empty partition gives NULL.

-- PERCENTILE_CONT: interpolates between the values at rows floor and ceiling
-- of 1 + f * (n - 1), in the order asked. double precision (Redshift:
-- DECIMAL for DECIMAL input).
CREATE OR REPLACE FUNCTION jig_rs_percentile_cont(f float8, vals anyarray, descending boolean) RETURNS float8
LANGUAGE sql IMMUTABLE AS $$
WITH v AS (
  SELECT x, row_number() OVER (ORDER BY CASE WHEN descending THEN -x ELSE x END) AS rn, count(*) OVER () AS n
  FROM (SELECT e::text::float8 AS x FROM unnest(vals) e WHERE e IS NOT NULL) s
), p AS (SELECT 1 + f * (max(n) - 1) AS rn FROM v)
SELECT CASE WHEN floor(p.rn) = ceil(p.rn) THEN max(x) FILTER (WHERE v.rn = p.rn)
  ELSE (ceil(p.rn) - p.rn) * max(x) FILTER (WHERE v.rn = floor(p.rn))
     + (p.rn - floor(p.rn)) * max(x) FILTER (WHERE v.rn = ceil(p.rn)) END
FROM v, p GROUP BY p.rn $$;

-- PERCENTILE_DISC: the first value, in the order asked, whose cumulative
-- distribution reaches f; of the input's type.
CREATE OR REPLACE FUNCTION jig_rs_percentile_disc(f float8, vals anyarray, descending boolean) RETURNS anyelement
LANGUAGE sql IMMUTABLE AS $$
SELECT CASE WHEN descending THEN s[n + 1 - greatest(ceil(f * n)::integer, 1)] ELSE s[greatest(ceil(f * n)::integer, 1)] END
FROM (SELECT array_agg(e ORDER BY e) AS s, count(*)::integer AS n FROM unnest(vals) e WHERE e IS NOT NULL) t $$;

-- LISTAGG(DISTINCT x, d) WITHIN GROUP (ORDER BY o) OVER (w): RewriteQuery
-- collects the partition in order with array_agg((x)::text) OVER (w ORDER
-- BY o, whole frame), and this keeps each value's first occurrence, in that
-- order, joined by d. Values differing only in trailing blanks are the same
-- value, as in Redshift.
CREATE OR REPLACE FUNCTION jig_rs_listagg_distinct(d text, vals text[]) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
SELECT string_agg(v, d ORDER BY ord)
FROM (SELECT DISTINCT ON (rtrim(v)) v, ord FROM unnest(vals) WITH ORDINALITY u(v, ord)
  WHERE v IS NOT NULL ORDER BY rtrim(v), ord) s $$;
