update web.sessions set ended_at = started_at + interval '30 minutes' where ended_at is null
