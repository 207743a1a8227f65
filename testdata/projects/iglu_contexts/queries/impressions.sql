-- Each product impression with its custom metric and dimension: the two
-- tables Postgres would cut to one name.
select
  e.event_id,
  m.product_index,
  m.value as metric,
  nvl(d.value, '(none)') as dimension
from atomic.events e
join atomic.com_google_analytics_measurement_protocol_product_impression_custom_metric_1 m
  on m.root_id = e.event_id
left join atomic.com_google_analytics_measurement_protocol_product_impression_custom_dimension_1 d
  on d.root_id = m.root_id and d.product_index = m.product_index
order by e.event_id, m.product_index
