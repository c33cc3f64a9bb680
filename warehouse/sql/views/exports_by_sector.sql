-- Exports of a whole sector: the export frames that name a sector.
create or replace view exports_by_sector as
select * from exports where sector is not null;

comment on view exports_by_sector is 'Consensus export frames of a whole sector (agriculture, agroindustry, mining, ...); columns as in exports.';
