-- Clear the entities dimension and its rejects before it is loaded again from the gazetteers.
delete from entities;
delete from rejects where table_name = 'entities';
