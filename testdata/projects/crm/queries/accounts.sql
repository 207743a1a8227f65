select id, name, plan from crm.accounts order by id
