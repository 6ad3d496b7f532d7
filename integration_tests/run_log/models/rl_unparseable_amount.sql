-- Fails at run time with a message holding a single quote (the log must escape it).
select cast('it''s not a number' as integer) as amount_usd
