-- facts.unit_price: the frame's value is a price per unit ("US$6.20 per kilogram", "$52.61/mt"), never a flow
-- total. Frames landed before this migration were not told apart: they get false.

-- ADD COLUMN takes no constraint in DuckDB: add with a default, then set NOT NULL. DuckDB 1.5.5 refuses SET NOT
-- NULL on a BOOLEAN column added in the same transaction to a table with rows and a primary key ("Cannot create
-- index with outstanding updates"), so the column is added as 0/1, made NOT NULL, then retyped.
alter table facts add column unit_price tinyint default 0;
alter table facts alter column unit_price set not null;
alter table facts alter column unit_price set data type boolean;
alter table facts alter column unit_price set default false;

comment on column facts.unit_price is 'True when value is a price per unit (US$6.20 per kilogram, $52.61/mt) rather than a flow total; such a frame has metric price and a value, and no view counts it as a flow.';
