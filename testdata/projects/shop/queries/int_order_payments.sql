-- Intermediate: each order's payments, by method and in total.
SELECT order_id,
       sum(CASE WHEN payment_method = 'credit_card' THEN amount ELSE 0 END)   AS credit_card_amount,
       sum(CASE WHEN payment_method = 'coupon' THEN amount ELSE 0 END)        AS coupon_amount,
       sum(CASE WHEN payment_method = 'bank_transfer' THEN amount ELSE 0 END) AS bank_transfer_amount,
       sum(CASE WHEN payment_method = 'gift_card' THEN amount ELSE 0 END)     AS gift_card_amount,
       sum(amount) AS total_amount
FROM stg_payments
GROUP BY order_id
