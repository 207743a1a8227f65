-- More Redshift date and time functions (see funcs.sql for the conventions:
-- CREATE OR REPLACE, text overloads so a bare literal reads as a timestamp).

-- DATEADD and DATEDIFF on TIMETZ. Redshift shows a TIMETZ in UTC, so the
-- sum is converted to UTC ('13:24:55 PST' + 2 hours = 23:24:55+00), and
-- DATEDIFF counts boundaries between the two times read in UTC.
CREATE OR REPLACE FUNCTION dateadd(part text, n bigint, t timetz) RETURNS timetz
LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT (t + jig_rs_interval(part, n)) AT TIME ZONE 'UTC' $$;
CREATE OR REPLACE FUNCTION datediff(part text, a timetz, b timetz) RETURNS bigint
LANGUAGE sql IMMUTABLE STRICT AS $$
SELECT datediff(part, (a AT TIME ZONE 'UTC')::time, (b AT TIME ZONE 'UTC')::time) $$;

-- The millisecond and microsecond date parts as Redshift counts them:
-- within the second (43.101 s is 101 ms; Postgres alone says 43101).
-- RewriteQuery sends EXTRACT(ms FROM x) and DATE_PART(us, x) here.
CREATE OR REPLACE FUNCTION jig_rs_date_part(part text, us numeric) RETURNS bigint
LANGUAGE sql IMMUTABLE STRICT AS $$
SELECT CASE jig_rs_datepart(part)
  WHEN 'millisecond' THEN (us::bigint % 1000000) / 1000
  WHEN 'microsecond' THEN us::bigint % 1000000
  ELSE jig_rs_fail(format('jig_rs_date_part does not take "%s"', part))::bigint
END $$;
CREATE OR REPLACE FUNCTION jig_rs_date_part(part text, ts timestamp) RETURNS bigint
LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT jig_rs_date_part(part, extract(microseconds FROM ts)) $$;
CREATE OR REPLACE FUNCTION jig_rs_date_part(part text, ts timestamptz) RETURNS bigint
LANGUAGE sql STABLE STRICT AS $$ SELECT jig_rs_date_part(part, extract(microseconds FROM ts)) $$;
CREATE OR REPLACE FUNCTION jig_rs_date_part(part text, t time) RETURNS bigint
LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT jig_rs_date_part(part, extract(microseconds FROM t)) $$;
CREATE OR REPLACE FUNCTION jig_rs_date_part(part text, t timetz) RETURNS bigint
LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT jig_rs_date_part(part, extract(microseconds FROM t)) $$;
CREATE OR REPLACE FUNCTION jig_rs_date_part(part text, i interval) RETURNS bigint
LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT jig_rs_date_part(part, extract(microseconds FROM i)) $$;
CREATE OR REPLACE FUNCTION jig_rs_date_part(part text, d date) RETURNS bigint
LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT jig_rs_date_part(part, d::timestamp) $$;
CREATE OR REPLACE FUNCTION jig_rs_date_part(part text, ts text) RETURNS bigint
LANGUAGE sql STABLE STRICT AS $$ SELECT jig_rs_date_part(part, ts::timestamp) $$;

-- DATE_PART_YEAR(date): the year, an INTEGER.
CREATE OR REPLACE FUNCTION date_part_year(d date) RETURNS integer
LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT extract(year FROM d)::integer $$;
CREATE OR REPLACE FUNCTION date_part_year(ts timestamp) RETURNS integer
LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT extract(year FROM ts)::integer $$;
CREATE OR REPLACE FUNCTION date_part_year(ts text) RETURNS integer
LANGUAGE sql STABLE STRICT AS $$ SELECT extract(year FROM ts::timestamp)::integer $$;

-- MONTHS_BETWEEN(a, b): whole months from the years and months, plus the
-- days and time of day over a 31-day month; a whole number when both are
-- the same day of the month or both the last day of their month.
CREATE OR REPLACE FUNCTION months_between(a timestamp, b timestamp) RETURNS float8
LANGUAGE sql IMMUTABLE STRICT AS $$
SELECT ((extract(year FROM a) - extract(year FROM b)) * 12 + extract(month FROM a) - extract(month FROM b)
  + CASE WHEN extract(day FROM a) = extract(day FROM b) OR (last_day(a) = a::date AND last_day(b) = b::date) THEN 0
    ELSE (extract(day FROM a) - extract(day FROM b)
      + (extract(epoch FROM a::time) - extract(epoch FROM b::time)) / 86400) / 31 END)::float8 $$;
CREATE OR REPLACE FUNCTION months_between(a date, b date) RETURNS float8
LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT months_between(a::timestamp, b::timestamp) $$;
CREATE OR REPLACE FUNCTION months_between(a text, b text) RETURNS float8
LANGUAGE sql STABLE STRICT AS $$ SELECT months_between(a::timestamp, b::timestamp) $$;

-- NEXT_DAY(x, day): the first date after x falling on day, named in full
-- or abbreviated (M, Tu, W, Th, F, Sa, Su; case does not matter).
CREATE OR REPLACE FUNCTION jig_rs_weekday(day text) RETURNS integer
LANGUAGE sql IMMUTABLE STRICT AS $$
SELECT CASE
  WHEN length(d) >= 2 AND 'sunday' LIKE d || '%' THEN 0
  WHEN length(d) >= 1 AND 'monday' LIKE d || '%' THEN 1
  WHEN length(d) >= 2 AND 'tuesday' LIKE d || '%' THEN 2
  WHEN length(d) >= 2 AND 'tues' LIKE d || '%' THEN 2
  WHEN length(d) >= 1 AND 'wednesday' LIKE d || '%' THEN 3
  WHEN length(d) >= 2 AND 'thursday' LIKE d || '%' THEN 4
  WHEN length(d) >= 2 AND 'thurs' LIKE d || '%' THEN 4
  WHEN length(d) >= 1 AND 'friday' LIKE d || '%' THEN 5
  WHEN length(d) >= 2 AND 'saturday' LIKE d || '%' THEN 6
  ELSE jig_rs_fail(format('NEXT_DAY: "%s" is not a day of the week', day))::integer
END FROM (SELECT lower(btrim(day)) AS d) s $$;
CREATE OR REPLACE FUNCTION next_day(d date, day text) RETURNS date
LANGUAGE sql IMMUTABLE STRICT AS $$
SELECT d + ((jig_rs_weekday(day) - extract(dow FROM d)::integer + 6) % 7) + 1 $$;
CREATE OR REPLACE FUNCTION next_day(ts timestamp, day text) RETURNS date
LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT next_day(ts::date, day) $$;
CREATE OR REPLACE FUNCTION next_day(ts text, day text) RETURNS date
LANGUAGE sql STABLE STRICT AS $$ SELECT next_day(ts::timestamp::date, day) $$;

-- TO_DATE(s, format, is_strict). With is_strict false an out-of-range day
-- is carried into the next month ('20010631' is 2001-07-01), as in
-- Redshift, when the fields before DD in the format have fixed widths
-- (YYYYMMDD, YYYY-MM-DD, DD Mon YYYY, ...); otherwise it stays an error.
CREATE OR REPLACE FUNCTION to_date(s text, fmt text, is_strict boolean) RETURNS date
LANGUAGE plpgsql STABLE STRICT AS $$
DECLARE
  p integer := strpos(upper(fmt), 'DD');
  day integer;
BEGIN
  RETURN pg_catalog.to_date(s, fmt);
EXCEPTION WHEN datetime_field_overflow THEN
  IF is_strict OR p = 0 OR substr(s, p, 2) !~ '^[0-9]{2}$' THEN
    RAISE;
  END IF;
  day := substr(s, p, 2)::integer;
  RETURN pg_catalog.to_date(overlay(s PLACING '01' FROM p FOR 2), fmt) + (day - 1);
END $$;

-- SPLIT_PART on a timestamp splits its text, as Redshift casts it.
CREATE OR REPLACE FUNCTION split_part(ts timestamp, delim text, n integer) RETURNS text
LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT pg_catalog.split_part(ts::text, delim, n) $$;
CREATE OR REPLACE FUNCTION split_part(d date, delim text, n integer) RETURNS text
LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT pg_catalog.split_part(d::text, delim, n) $$;
