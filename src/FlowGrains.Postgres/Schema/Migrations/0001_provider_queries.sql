-- Orleans' ADO.NET providers read the SQL they run from this table, by key. The keys and the
-- parameters each statement receives are the providers' contract; the statements are FlowGrains' own.
-- Names are unquoted because the providers query the table unquoted.
CREATE TABLE orleansquery (
    querykey varchar(64) PRIMARY KEY,
    querytext text NOT NULL
);

-- Versions of grain-state rows and reminders come from one sequence, so a version is never reused
-- for a key even after its row was deleted and written again: a writer holding a stale version cannot
-- mistake a new row for the one it read.
CREATE SEQUENCE flowgrains_row_version AS integer MINVALUE 1 CYCLE;
