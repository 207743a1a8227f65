-- Events and sessions per account, across the three schemas. The alias
-- "web" is spelled like the schema: web.session_id is the alias's column.
select a.name, a.plan, count(e.event_id) as events, count(distinct web.session_id) as sessions
from crm.accounts a
left join atomic.events e on e.account_id = a.id
left join web.sessions web on web.session_id = e.session_id
group by a.name, a.plan
order by a.name
