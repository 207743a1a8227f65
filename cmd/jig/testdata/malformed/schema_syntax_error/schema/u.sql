CREATE TABLE u (
    id int,,
    n text
);
