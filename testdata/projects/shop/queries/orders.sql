-- Mart: one row per order with what was paid, by method.
SELECT o.order_id,
       o.customer_id,
       o.order_date,
       o.status,
       coalesce(p.credit_card_amount, 0)   AS credit_card_amount,
       coalesce(p.coupon_amount, 0)        AS coupon_amount,
       coalesce(p.bank_transfer_amount, 0) AS bank_transfer_amount,
       coalesce(p.gift_card_amount, 0)     AS gift_card_amount,
       coalesce(p.total_amount, 0)         AS amount
FROM stg_orders o
LEFT JOIN int_order_payments p USING (order_id)
ORDER BY o.order_id
