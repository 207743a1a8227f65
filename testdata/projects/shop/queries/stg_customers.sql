-- Staging: one row per customer, renamed for the marts.
SELECT id AS customer_id,
       first_name,
       last_name
FROM raw_customers
