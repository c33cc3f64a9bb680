-- Exports of one product: the export frames that name a product.
create or replace view exports_by_product as
select * from exports where product is not null;

comment on view exports_by_product is 'Consensus export frames that name a product; columns as in exports.';
