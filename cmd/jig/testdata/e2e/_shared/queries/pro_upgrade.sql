UPDATE users SET plan = 'pro', balance = balance - 10
WHERE balance >= 10
