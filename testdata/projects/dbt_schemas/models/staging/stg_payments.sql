select
    {{ dbt_utils.star(source('stripe', 'payments'), except=['amount_cents']) }},
    amount_cents / 100.0 as amount
from {{ source('stripe', 'payments') }}
where paid
