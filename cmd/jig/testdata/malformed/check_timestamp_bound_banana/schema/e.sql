CREATE TABLE e (id int PRIMARY KEY, ts timestamp NOT NULL);
