CREATE TABLE u (n text DEFAULT 'ÿ');
