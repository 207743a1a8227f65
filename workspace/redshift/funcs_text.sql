-- Redshift string, hash and regular-expression functions Postgres lacks
-- (see funcs.sql for the conventions).

-- LEN of a VARBYTE counts its bytes.
CREATE OR REPLACE FUNCTION len(b bytea) RETURNS integer
LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT octet_length(b) $$;

-- FNV_HASH(value [, seed]): 64-bit FNV-1a over the value's binary form, as
-- Redshift hashes it (an INTEGER is its 4 bytes, little-endian; text its
-- UTF-8 bytes), returned as a signed BIGINT. The seed replaces the FNV
-- offset basis, so fnv_hash('cd', fnv_hash('ab')) = fnv_hash('abcd').
CREATE OR REPLACE FUNCTION jig_rs_fnv(data bytea, seed bigint, reversed boolean) RETURNS bigint
LANGUAGE plpgsql IMMUTABLE STRICT AS $$
DECLARE
  h numeric := CASE WHEN seed < 0 THEN seed + 18446744073709551616 ELSE seed END;
  n integer := length(data);
  lo integer;
  b integer;
BEGIN
  FOR i IN 0 .. n - 1 LOOP
    b := get_byte(data, CASE WHEN reversed THEN n - 1 - i ELSE i END);
    lo := (h % 256)::integer;
    h := ((h - lo + (lo # b)) * 1099511628211) % 18446744073709551616;
  END LOOP;
  RETURN (CASE WHEN h >= 9223372036854775808 THEN h - 18446744073709551616 ELSE h END)::bigint;
END $$;
CREATE OR REPLACE FUNCTION fnv_hash(v text, seed bigint DEFAULT -3750763034362895579) RETURNS bigint
LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT jig_rs_fnv(convert_to(v, 'UTF8'), seed, false) $$;
CREATE OR REPLACE FUNCTION fnv_hash(v smallint, seed bigint DEFAULT -3750763034362895579) RETURNS bigint
LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT jig_rs_fnv(int2send(v), seed, true) $$;
CREATE OR REPLACE FUNCTION fnv_hash(v integer, seed bigint DEFAULT -3750763034362895579) RETURNS bigint
LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT jig_rs_fnv(int4send(v), seed, true) $$;
CREATE OR REPLACE FUNCTION fnv_hash(v bigint, seed bigint DEFAULT -3750763034362895579) RETURNS bigint
LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT jig_rs_fnv(int8send(v), seed, true) $$;
CREATE OR REPLACE FUNCTION fnv_hash(v float8, seed bigint DEFAULT -3750763034362895579) RETURNS bigint
LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT jig_rs_fnv(float8send(v), seed, true) $$;
CREATE OR REPLACE FUNCTION fnv_hash(v bytea, seed bigint DEFAULT -3750763034362895579) RETURNS bigint
LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT jig_rs_fnv(v, seed, false) $$;

-- CRC32(string): CRC-32C (Castagnoli) of the UTF-8 bytes, as 8 lower-case
-- hex digits.
CREATE OR REPLACE FUNCTION crc32(s text) RETURNS text
LANGUAGE plpgsql IMMUTABLE STRICT AS $$
DECLARE
  data bytea := convert_to(s, 'UTF8');
  crc bigint := 4294967295;
BEGIN
  FOR i IN 0 .. length(data) - 1 LOOP
    crc := crc # get_byte(data, i);
    FOR k IN 1 .. 8 LOOP
      crc := CASE WHEN crc & 1 = 1 THEN (crc >> 1) # 2197175160 ELSE crc >> 1 END;
    END LOOP;
  END LOOP;
  RETURN lpad(to_hex(crc # 4294967295), 8, '0');
END $$;

-- REGEXP_COUNT, REGEXP_INSTR, REGEXP_REPLACE and REGEXP_SUBSTR with
-- Redshift's arguments: position (clamped to 1), occurrence, and the
-- parameters string (c, i; e takes the first subexpression; p, PCRE, is
-- read as Postgres's advanced regular expressions, which have the same
-- look-ahead). RewriteQuery sends the calls here. Redshift reads '\\' in a
-- string literal as one backslash, so a doubled backslash in a pattern or a
-- replacement is one backslash here too. REGEXP_REPLACE replaces every
-- match, as in Redshift.
CREATE OR REPLACE FUNCTION jig_rs_regexp_flags(params text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT translate(params, 'ep', '') $$;
CREATE OR REPLACE FUNCTION jig_rs_regexp_text(p text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT replace(p, E'\\\\', E'\\') $$;
CREATE OR REPLACE FUNCTION jig_rs_regexp_count(s text, p text, pos integer DEFAULT 1, params text DEFAULT 'c') RETURNS integer
LANGUAGE sql IMMUTABLE STRICT AS $$
SELECT CASE WHEN pos > length(s) THEN 0
  ELSE regexp_count(s, jig_rs_regexp_text(p), greatest(pos, 1), jig_rs_regexp_flags(params)) END $$;
CREATE OR REPLACE FUNCTION jig_rs_regexp_instr(s text, p text, pos integer DEFAULT 1, occurrence integer DEFAULT 1,
  opt integer DEFAULT 0, params text DEFAULT 'c') RETURNS integer
LANGUAGE sql IMMUTABLE STRICT AS $$
SELECT CASE WHEN pos > length(s) OR occurrence < 1 THEN 0
  ELSE regexp_instr(s, jig_rs_regexp_text(p), greatest(pos, 1), occurrence, CASE WHEN opt = 0 THEN 0 ELSE 1 END,
    jig_rs_regexp_flags(params), CASE WHEN strpos(params, 'e') > 0 THEN 1 ELSE 0 END) END $$;
CREATE OR REPLACE FUNCTION jig_rs_regexp_replace(s text, p text, r text DEFAULT '', pos integer DEFAULT 1, params text DEFAULT 'c') RETURNS text
LANGUAGE sql IMMUTABLE STRICT AS $$
SELECT CASE WHEN pos > length(s) THEN s
  ELSE regexp_replace(s, jig_rs_regexp_text(p), jig_rs_regexp_text(r), greatest(pos, 1), 0, jig_rs_regexp_flags(params)) END $$;
CREATE OR REPLACE FUNCTION jig_rs_regexp_substr(s text, p text, pos integer DEFAULT 1, occurrence integer DEFAULT 1,
  params text DEFAULT 'c') RETURNS text
LANGUAGE sql IMMUTABLE STRICT AS $$
SELECT CASE WHEN pos > length(s) THEN ''
  WHEN occurrence < 1 THEN NULL
  WHEN strpos(params, 'e') > 0 THEN coalesce(
    regexp_substr(s, jig_rs_regexp_text(p), greatest(pos, 1), occurrence, jig_rs_regexp_flags(params), 1),
    regexp_substr(s, jig_rs_regexp_text(p), greatest(pos, 1), occurrence, jig_rs_regexp_flags(params)))
  ELSE regexp_substr(s, jig_rs_regexp_text(p), greatest(pos, 1), occurrence, jig_rs_regexp_flags(params)) END $$;
