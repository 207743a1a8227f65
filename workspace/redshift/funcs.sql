-- Redshift functions Postgres lacks, created by jig in each worker's private
-- schema (so they resolve through search_path and vanish with the schema).
-- Idempotent: CREATE OR REPLACE. Overloads taking text exist so that a bare
-- literal ('2008-01-31') is read as a timestamp, as Redshift reads it,
-- rather than as Postgres's preferred timestamptz.

CREATE OR REPLACE FUNCTION jig_rs_fail(msg text) RETURNS text
LANGUAGE plpgsql VOLATILE AS $$ BEGIN RAISE EXCEPTION '%', msg; END $$;

-- Every date part spelling Redshift accepts → the canonical name.
CREATE OR REPLACE FUNCTION jig_rs_datepart(part text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT AS $$
SELECT CASE lower(btrim(part))
  WHEN 'millennium' THEN 'millennium' WHEN 'millennia' THEN 'millennium' WHEN 'mil' THEN 'millennium' WHEN 'mils' THEN 'millennium'
  WHEN 'century' THEN 'century' WHEN 'centuries' THEN 'century' WHEN 'c' THEN 'century' WHEN 'cent' THEN 'century' WHEN 'cents' THEN 'century'
  WHEN 'decade' THEN 'decade' WHEN 'decades' THEN 'decade' WHEN 'dec' THEN 'decade' WHEN 'decs' THEN 'decade'
  WHEN 'epoch' THEN 'epoch'
  WHEN 'year' THEN 'year' WHEN 'years' THEN 'year' WHEN 'y' THEN 'year' WHEN 'yr' THEN 'year' WHEN 'yrs' THEN 'year'
  WHEN 'quarter' THEN 'quarter' WHEN 'quarters' THEN 'quarter' WHEN 'qtr' THEN 'quarter' WHEN 'qtrs' THEN 'quarter'
  WHEN 'month' THEN 'month' WHEN 'months' THEN 'month' WHEN 'mon' THEN 'month' WHEN 'mons' THEN 'month'
  WHEN 'week' THEN 'week' WHEN 'weeks' THEN 'week' WHEN 'w' THEN 'week'
  WHEN 'dayofweek' THEN 'dow' WHEN 'dow' THEN 'dow' WHEN 'dw' THEN 'dow' WHEN 'weekday' THEN 'dow'
  WHEN 'dayofyear' THEN 'doy' WHEN 'doy' THEN 'doy' WHEN 'dy' THEN 'doy' WHEN 'yearday' THEN 'doy'
  WHEN 'day' THEN 'day' WHEN 'days' THEN 'day' WHEN 'd' THEN 'day'
  WHEN 'hour' THEN 'hour' WHEN 'hours' THEN 'hour' WHEN 'h' THEN 'hour' WHEN 'hr' THEN 'hour' WHEN 'hrs' THEN 'hour'
  WHEN 'minute' THEN 'minute' WHEN 'minutes' THEN 'minute' WHEN 'm' THEN 'minute' WHEN 'min' THEN 'minute' WHEN 'mins' THEN 'minute'
  WHEN 'second' THEN 'second' WHEN 'seconds' THEN 'second' WHEN 's' THEN 'second' WHEN 'sec' THEN 'second' WHEN 'secs' THEN 'second'
  WHEN 'millisecond' THEN 'millisecond' WHEN 'milliseconds' THEN 'millisecond' WHEN 'ms' THEN 'millisecond' WHEN 'msec' THEN 'millisecond'
  WHEN 'msecs' THEN 'millisecond' WHEN 'msecond' THEN 'millisecond' WHEN 'mseconds' THEN 'millisecond' WHEN 'millisec' THEN 'millisecond'
  WHEN 'millisecs' THEN 'millisecond' WHEN 'millisecon' THEN 'millisecond'
  WHEN 'microsecond' THEN 'microsecond' WHEN 'microseconds' THEN 'microsecond' WHEN 'microsec' THEN 'microsecond' WHEN 'microsecs' THEN 'microsecond'
  WHEN 'usecond' THEN 'microsecond' WHEN 'useconds' THEN 'microsecond' WHEN 'us' THEN 'microsecond' WHEN 'usec' THEN 'microsecond' WHEN 'usecs' THEN 'microsecond'
  WHEN 'timezone' THEN 'timezone' WHEN 'timezone_hour' THEN 'timezone_hour' WHEN 'timezone_minute' THEN 'timezone_minute'
  ELSE jig_rs_fail(format('unknown Redshift date part "%s"', part))
END $$;

CREATE OR REPLACE FUNCTION jig_rs_interval(part text, n bigint) RETURNS interval
LANGUAGE sql IMMUTABLE STRICT AS $$
SELECT CASE jig_rs_datepart(part)
  WHEN 'millennium' THEN make_interval(years => (n * 1000)::int)
  WHEN 'century' THEN make_interval(years => (n * 100)::int)
  WHEN 'decade' THEN make_interval(years => (n * 10)::int)
  WHEN 'year' THEN make_interval(years => n::int)
  WHEN 'quarter' THEN make_interval(months => (n * 3)::int)
  WHEN 'month' THEN make_interval(months => n::int)
  WHEN 'week' THEN make_interval(weeks => n::int)
  WHEN 'day' THEN make_interval(days => n::int)
  WHEN 'hour' THEN n * interval '1 hour'
  WHEN 'minute' THEN n * interval '1 minute'
  WHEN 'second' THEN n * interval '1 second'
  WHEN 'millisecond' THEN n * interval '1 millisecond'
  WHEN 'microsecond' THEN n * interval '1 microsecond'
  ELSE jig_rs_fail(format('DATEADD does not take the date part "%s"', part))::interval
END $$;

-- DATEADD(part, n, value). Adding months clamps to the month's end
-- (2008-01-31 + 1 month = 2008-02-29), as in Redshift; adding years to a
-- February 29 gives March 1 when the year has none (2016-02-29 + 1 year =
-- 2017-03-01), as Redshift does, where 12 months give 2017-02-28.
CREATE OR REPLACE FUNCTION jig_rs_leap_carry(part text, ts timestamp, n bigint) RETURNS interval
LANGUAGE sql IMMUTABLE STRICT AS $$
SELECT CASE WHEN jig_rs_datepart(part) IN ('year', 'decade', 'century', 'millennium')
  AND to_char(ts, 'MM-DD') = '02-29' AND to_char(ts + jig_rs_interval(part, n), 'MM-DD') = '02-28'
  THEN interval '1 day' ELSE interval '0' END $$;
CREATE OR REPLACE FUNCTION dateadd(part text, n bigint, ts timestamp) RETURNS timestamp
LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT ts + jig_rs_interval(part, n) + jig_rs_leap_carry(part, ts, n) $$;
CREATE OR REPLACE FUNCTION dateadd(part text, n bigint, ts timestamptz) RETURNS timestamptz
LANGUAGE sql STABLE STRICT AS $$ SELECT ts + jig_rs_interval(part, n) + jig_rs_leap_carry(part, ts::timestamp, n) $$;
CREATE OR REPLACE FUNCTION dateadd(part text, n bigint, d date) RETURNS timestamp
LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT dateadd(part, n, d::timestamp) $$;
CREATE OR REPLACE FUNCTION dateadd(part text, n bigint, ts text) RETURNS timestamp
LANGUAGE sql STABLE STRICT AS $$ SELECT dateadd(part, n, ts::timestamp) $$;
CREATE OR REPLACE FUNCTION dateadd(part text, n bigint, t time) RETURNS time
LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT t + jig_rs_interval(part, n) $$;

-- DATEDIFF(part, a, b): the number of part boundaries crossed from a to b
-- (2008-12-31 to 2009-01-01 is 1 year). Weeks start on Monday, as
-- DATE_TRUNC('week') does.
CREATE OR REPLACE FUNCTION datediff(part text, a timestamp, b timestamp) RETURNS bigint
LANGUAGE sql IMMUTABLE STRICT AS $$
SELECT (CASE jig_rs_datepart(part)
  WHEN 'millennium' THEN extract(millennium FROM b) - extract(millennium FROM a)
  WHEN 'century' THEN extract(century FROM b) - extract(century FROM a)
  WHEN 'decade' THEN extract(decade FROM b) - extract(decade FROM a)
  WHEN 'year' THEN extract(year FROM b) - extract(year FROM a)
  WHEN 'quarter' THEN (extract(year FROM b) * 4 + extract(quarter FROM b)) - (extract(year FROM a) * 4 + extract(quarter FROM a))
  WHEN 'month' THEN (extract(year FROM b) * 12 + extract(month FROM b)) - (extract(year FROM a) * 12 + extract(month FROM a))
  WHEN 'week' THEN (date_trunc('week', b)::date - date_trunc('week', a)::date) / 7
  WHEN 'day' THEN b::date - a::date
  WHEN 'hour' THEN (extract(epoch FROM date_trunc('hour', b)) - extract(epoch FROM date_trunc('hour', a))) / 3600
  WHEN 'minute' THEN (extract(epoch FROM date_trunc('minute', b)) - extract(epoch FROM date_trunc('minute', a))) / 60
  WHEN 'second' THEN extract(epoch FROM date_trunc('second', b)) - extract(epoch FROM date_trunc('second', a))
  WHEN 'millisecond' THEN (extract(epoch FROM date_trunc('milliseconds', b)) - extract(epoch FROM date_trunc('milliseconds', a))) * 1000
  WHEN 'microsecond' THEN (extract(epoch FROM b) - extract(epoch FROM a)) * 1000000
  ELSE jig_rs_fail(format('DATEDIFF does not take the date part "%s"', part))::numeric
END)::bigint $$;
CREATE OR REPLACE FUNCTION datediff(part text, a timestamptz, b timestamptz) RETURNS bigint
LANGUAGE sql STABLE STRICT AS $$ SELECT datediff(part, a::timestamp, b::timestamp) $$;
CREATE OR REPLACE FUNCTION datediff(part text, a date, b date) RETURNS bigint
LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT datediff(part, a::timestamp, b::timestamp) $$;
CREATE OR REPLACE FUNCTION datediff(part text, a text, b text) RETURNS bigint
LANGUAGE sql STABLE STRICT AS $$ SELECT datediff(part, a::timestamp, b::timestamp) $$;
CREATE OR REPLACE FUNCTION datediff(part text, a time, b time) RETURNS bigint
LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT datediff(part, date '2000-01-01' + a, date '2000-01-01' + b) $$;

-- DATE_TRUNC on a date or a literal returns a timestamp, as in Redshift
-- (Postgres alone would pick timestamptz).
CREATE OR REPLACE FUNCTION date_trunc(part text, d date) RETURNS timestamp
LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT pg_catalog.date_trunc(jig_rs_datepart(part), d::timestamp) $$;
CREATE OR REPLACE FUNCTION date_trunc(part text, ts text) RETURNS timestamp
LANGUAGE sql STABLE STRICT AS $$ SELECT pg_catalog.date_trunc(jig_rs_datepart(part), ts::timestamp) $$;

-- GETDATE(): the statement's start in the session zone, whole seconds.
CREATE OR REPLACE FUNCTION getdate() RETURNS timestamp
LANGUAGE sql STABLE AS $$ SELECT date_trunc('second', statement_timestamp() AT TIME ZONE current_setting('TimeZone')) $$;

-- TRUNC(timestamp) is the date.
CREATE OR REPLACE FUNCTION trunc(ts timestamp) RETURNS date
LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT ts::date $$;
CREATE OR REPLACE FUNCTION trunc(ts timestamptz) RETURNS date
LANGUAGE sql STABLE STRICT AS $$ SELECT ts::date $$;

-- ADD_MONTHS keeps a month's last day the last day; LAST_DAY is the date
-- of the month's last day.
CREATE OR REPLACE FUNCTION add_months(ts timestamp, n integer) RETURNS timestamp
LANGUAGE sql IMMUTABLE STRICT AS $$
SELECT CASE WHEN ts::date = (date_trunc('month', ts) + interval '1 month - 1 day')::date
  THEN date_trunc('month', ts + make_interval(months => n)) + interval '1 month - 1 day' + ts::time
  ELSE ts + make_interval(months => n) END $$;
CREATE OR REPLACE FUNCTION add_months(d date, n integer) RETURNS timestamp
LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT add_months(d::timestamp, n) $$;
CREATE OR REPLACE FUNCTION add_months(ts text, n integer) RETURNS timestamp
LANGUAGE sql STABLE STRICT AS $$ SELECT add_months(ts::timestamp, n) $$;
CREATE OR REPLACE FUNCTION last_day(ts timestamp) RETURNS date
LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT (date_trunc('month', ts) + interval '1 month - 1 day')::date $$;
CREATE OR REPLACE FUNCTION last_day(d date) RETURNS date
LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT last_day(d::timestamp) $$;
CREATE OR REPLACE FUNCTION last_day(ts text) RETURNS date
LANGUAGE sql STABLE STRICT AS $$ SELECT last_day(ts::timestamp) $$;

-- CONVERT_TIMEZONE([source,] target, ts): the wall-clock time in target of
-- ts read in source (UTC when omitted). A timestamptz is an instant, so its
-- source zone is ignored. Zone names and abbreviations are Postgres's;
-- 'UTC+3' follows POSIX (three hours west), as Postgres reads it.
CREATE OR REPLACE FUNCTION convert_timezone(src text, tgt text, ts timestamp) RETURNS timestamp
LANGUAGE sql STABLE STRICT AS $$ SELECT (ts AT TIME ZONE src) AT TIME ZONE tgt $$;
CREATE OR REPLACE FUNCTION convert_timezone(src text, tgt text, ts timestamptz) RETURNS timestamp
LANGUAGE sql STABLE STRICT AS $$ SELECT ts AT TIME ZONE tgt $$;
CREATE OR REPLACE FUNCTION convert_timezone(src text, tgt text, d date) RETURNS timestamp
LANGUAGE sql STABLE STRICT AS $$ SELECT convert_timezone(src, tgt, d::timestamp) $$;
CREATE OR REPLACE FUNCTION convert_timezone(src text, tgt text, ts text) RETURNS timestamp
LANGUAGE sql STABLE STRICT AS $$ SELECT convert_timezone(src, tgt, ts::timestamp) $$;
CREATE OR REPLACE FUNCTION convert_timezone(tgt text, ts timestamp) RETURNS timestamp
LANGUAGE sql STABLE STRICT AS $$ SELECT convert_timezone('UTC', tgt, ts) $$;
CREATE OR REPLACE FUNCTION convert_timezone(tgt text, ts timestamptz) RETURNS timestamp
LANGUAGE sql STABLE STRICT AS $$ SELECT ts AT TIME ZONE tgt $$;
CREATE OR REPLACE FUNCTION convert_timezone(tgt text, d date) RETURNS timestamp
LANGUAGE sql STABLE STRICT AS $$ SELECT convert_timezone('UTC', tgt, d::timestamp) $$;
CREATE OR REPLACE FUNCTION convert_timezone(tgt text, ts text) RETURNS timestamp
LANGUAGE sql STABLE STRICT AS $$ SELECT convert_timezone('UTC', tgt, ts::timestamp) $$;

-- JSON functions over JSON held in text (Redshift's VARCHAR JSON). With
-- null_if_invalid true, invalid JSON gives NULL instead of an error.
CREATE OR REPLACE FUNCTION jig_rs_json(js text, null_if_invalid boolean) RETURNS json
LANGUAGE sql IMMUTABLE AS $$
SELECT CASE WHEN null_if_invalid AND NOT pg_input_is_valid(js, 'json') THEN NULL ELSE js::json END $$;
CREATE OR REPLACE FUNCTION json_extract_path_text(js text, VARIADIC path text[]) RETURNS text
LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT pg_catalog.json_extract_path_text(js::json, VARIADIC path) $$;
CREATE OR REPLACE FUNCTION json_extract_path_text(js text, p1 text, null_if_invalid boolean) RETURNS text
LANGUAGE sql IMMUTABLE AS $$ SELECT pg_catalog.json_extract_path_text(jig_rs_json(js, null_if_invalid), p1) $$;
CREATE OR REPLACE FUNCTION json_extract_path_text(js text, p1 text, p2 text, null_if_invalid boolean) RETURNS text
LANGUAGE sql IMMUTABLE AS $$ SELECT pg_catalog.json_extract_path_text(jig_rs_json(js, null_if_invalid), p1, p2) $$;
CREATE OR REPLACE FUNCTION json_extract_path_text(js text, p1 text, p2 text, p3 text, null_if_invalid boolean) RETURNS text
LANGUAGE sql IMMUTABLE AS $$ SELECT pg_catalog.json_extract_path_text(jig_rs_json(js, null_if_invalid), p1, p2, p3) $$;
CREATE OR REPLACE FUNCTION json_extract_path_text(js text, p1 text, p2 text, p3 text, p4 text, null_if_invalid boolean) RETURNS text
LANGUAGE sql IMMUTABLE AS $$ SELECT pg_catalog.json_extract_path_text(jig_rs_json(js, null_if_invalid), p1, p2, p3, p4) $$;
CREATE OR REPLACE FUNCTION json_extract_path_text(js jsonb, VARIADIC path text[]) RETURNS text
LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT jsonb_extract_path_text(js, VARIADIC path) $$;
-- A negative or out-of-range position is NULL (Postgres alone counts a
-- negative position from the end).
CREATE OR REPLACE FUNCTION json_extract_array_element_text(js text, pos integer, null_if_invalid boolean DEFAULT false) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
SELECT CASE WHEN pos >= 0 THEN jig_rs_json(js, null_if_invalid) ->> pos END $$;
CREATE OR REPLACE FUNCTION json_array_length(js text, null_if_invalid boolean DEFAULT false) RETURNS integer
LANGUAGE sql IMMUTABLE AS $$ SELECT pg_catalog.json_array_length(jig_rs_json(js, null_if_invalid)) $$;
CREATE OR REPLACE FUNCTION json_parse(js text) RETURNS jsonb
LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT js::jsonb $$;
CREATE OR REPLACE FUNCTION is_valid_json(js text) RETURNS boolean
LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT pg_input_is_valid(js, 'json') AND json_typeof(js::json) = 'object' $$;
CREATE OR REPLACE FUNCTION is_valid_json_array(js text) RETURNS boolean
LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT pg_input_is_valid(js, 'json') AND json_typeof(js::json) = 'array' $$;

-- Strings. LEN counts characters; a CHAR(n) value loses its trailing
-- blanks first, as in Redshift. CHARINDEX is 1-based, 0 when absent.
CREATE OR REPLACE FUNCTION len(s text) RETURNS integer
LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT length(s) $$;
CREATE OR REPLACE FUNCTION charindex(sub text, s text) RETURNS integer
LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT strpos(s, sub) $$;

-- STRTOL(string, base): base 2 to 36, optional sign, optional 0x in base 16.
CREATE OR REPLACE FUNCTION strtol(num text, base integer) RETURNS bigint
LANGUAGE plpgsql IMMUTABLE STRICT AS $$
DECLARE
  s text := lower(btrim(num));
  neg boolean := false;
  v numeric := 0;
  d integer;
  c text;
BEGIN
  IF base < 2 OR base > 36 THEN
    RAISE EXCEPTION 'STRTOL base must be between 2 and 36, not %', base;
  END IF;
  IF left(s, 1) IN ('-', '+') THEN
    neg := left(s, 1) = '-';
    s := substr(s, 2);
  END IF;
  IF base = 16 AND left(s, 2) = '0x' THEN
    s := substr(s, 3);
  END IF;
  IF s = '' THEN
    RAISE EXCEPTION 'invalid input for STRTOL: "%"', num;
  END IF;
  FOREACH c IN ARRAY regexp_split_to_array(s, '') LOOP
    d := strpos('0123456789abcdefghijklmnopqrstuvwxyz', c) - 1;
    IF d < 0 OR d >= base THEN
      RAISE EXCEPTION 'invalid digit "%" in STRTOL input "%" for base %', c, num, base;
    END IF;
    v := v * base + d;
  END LOOP;
  RETURN (CASE WHEN neg THEN -v ELSE v END)::bigint;
END $$;
