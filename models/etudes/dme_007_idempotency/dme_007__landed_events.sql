-- The collector's landing zone as it stands at run `dme_007_batch`: every copy
-- of every event delivered so far (deliveries 1 to dme_007_batch), typed. The
-- var stands for the clock: run 1 sees delivery 1, run 2 deliveries 1 and 2,
-- and so on; without it, every delivery has arrived.
{{ config(materialized='view') }}

with

source as (
    select * from {{ source('dme_007_collector', 'web_event_deliveries') }}
),

typed as (
    select
        cast(delivery_id as integer) as delivery_id,
        event_id,
        session_id,
        cast(customer_id as integer) as customer_id,
        platform,
        event_type,
        cast(product_id as integer) as product_id,
        page_path,
        cast(cast(occurred_at as timestamp with time zone) at time zone 'UTC' as timestamp) as occurred_at_utc,
        cast(cast(received_at as timestamp with time zone) at time zone 'UTC' as timestamp) as received_at_utc
    from source
),

delivered_so_far as (
    select * from typed
    where delivery_id <= {{ var('dme_007_batch', 3) }}
)

select * from delivered_so_far
