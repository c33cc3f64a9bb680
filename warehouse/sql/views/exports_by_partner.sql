-- Exports to a destination: the export frames that name a partner (any subject, sector or product).
create or replace view exports_by_partner as
select * from exports where partner is not null;

comment on view exports_by_partner is 'Consensus export frames that name a partner (destination country or world region); columns as in exports.';
