-- The three schemas of the model: raw events as the loader writes them,
-- scratch tables one run rebuilds, and the derived tables it keeps.
CREATE SCHEMA atomic;
CREATE SCHEMA scratch;
CREATE SCHEMA derived;
