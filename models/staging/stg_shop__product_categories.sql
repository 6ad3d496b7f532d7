with

source as (
    select * from {{ source('shop', 'product_categories') }}
),

renamed as (
    select
        cast(category_id as integer) as category_id,
        cast(is_active as boolean) as is_active,
        cast(created_at as timestamp) as created_at_utc,
        trim(category_name) as category_name,
        trim(department_name) as department_name
    from source
)

select * from renamed
