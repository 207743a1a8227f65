-- Mart: one row per customer with their orders and lifetime value.
WITH customer_orders AS (
    SELECT customer_id,
           min(order_date) AS first_order,
           max(order_date) AS most_recent_order,
           count(*)        AS number_of_orders
    FROM stg_orders
    GROUP BY customer_id
), customer_payments AS (
    SELECT o.customer_id,
           sum(p.total_amount) AS customer_lifetime_value
    FROM int_order_payments p
    JOIN stg_orders o USING (order_id)
    GROUP BY o.customer_id
)
SELECT c.customer_id,
       c.first_name,
       c.last_name,
       co.first_order,
       co.most_recent_order,
       coalesce(co.number_of_orders, 0)         AS number_of_orders,
       coalesce(cp.customer_lifetime_value, 0) AS customer_lifetime_value
FROM stg_customers c
LEFT JOIN customer_orders co USING (customer_id)
LEFT JOIN customer_payments cp USING (customer_id)
ORDER BY c.customer_id
