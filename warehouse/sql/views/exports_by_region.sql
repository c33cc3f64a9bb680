-- Exports of Peru's regions: the export frames whose flow_of is an ISO 3166-2:PE region id.
create or replace view exports_by_region as
select * from exports where regexp_full_match(flow_of, 'PE-[A-Z]{3}');

comment on view exports_by_region is 'Consensus export frames of a Peruvian region (flow_of an ISO 3166-2:PE id such as PE-JUN); columns as in exports.';
