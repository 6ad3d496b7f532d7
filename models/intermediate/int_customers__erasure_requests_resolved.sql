-- An erasure request names a customer id, or only an e-mail. Resolve each to
-- the CRM customers it concerns (an e-mail can belong to two accounts);
-- requests that match no customer resolve to nothing.
with

requests as (
    select * from {{ ref('stg_shop__erasure_requests') }}
),

customers as (
    select * from {{ ref('stg_shop__customers') }}
),

customer_ids as (
    select distinct customer_id
    from customers
),

customer_emails as (
    select distinct
        customer_id,
        email
    from customers
    where email is not null
),

matched_by_id as (
    select
        requests.request_id,
        requests.requested_at_utc,
        customer_ids.customer_id
    from requests
    inner join customer_ids
        on requests.customer_id = customer_ids.customer_id
),

matched_by_email as (
    select
        requests.request_id,
        requests.requested_at_utc,
        customer_emails.customer_id
    from requests
    inner join customer_emails
        on requests.email = customer_emails.email
    where requests.customer_id is null
),

matched as (
    select * from matched_by_id
    union all
    select * from matched_by_email
),

final as (
    select
        customer_id,
        min(requested_at_utc) as first_requested_at_utc,
        count(distinct request_id) as request_count
    from matched
    group by customer_id
)

select * from final
