CREATE TABLE u (
    id int,
    n txet
);
