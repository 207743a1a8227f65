-- The warehouse's schemas, as its own DDL creates them. jig makes a private
-- copy of each for every run, so these statements never collide.
CREATE SCHEMA crm;
CREATE SCHEMA IF NOT EXISTS atomic;
DROP SCHEMA IF EXISTS web CASCADE;
CREATE SCHEMA web;

-- A table in the default schema, referenced from crm.
CREATE TABLE regions (code text PRIMARY KEY, name text NOT NULL);
