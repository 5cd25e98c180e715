-- Loads one journal (JSON Lines, DESIGN §4, as `tovholder export` writes it) into table j.
-- Only the fields the definitions of DESIGN §5 read are loaded; the others are skipped by the reader.
-- pos is the line's position in the file (the journal position of DESIGN §5's tie rule), taken from
-- the insertion order, which DuckDB keeps (preserve_insertion_order, on by default).
CREATE OR REPLACE TABLE j AS
SELECT citizen, municipality, kind, "date",
       coalesce(CAST(replace(recorded, 'Z', '') AS TIMESTAMP), CAST(now() AS TIMESTAMP)) AS rec,
       id, situation, ready_for_housing, birth_date, cpr, referred_by, course, method, worker,
       expected, housing_solution, "to", entry, coalesce(anonymous, false) AS anonymous, age_estimate
FROM read_json('${FILE}', format = 'newline_delimited', columns = {
  citizen: 'VARCHAR', municipality: 'VARCHAR', kind: 'VARCHAR', "date": 'DATE', recorded: 'VARCHAR',
  id: 'VARCHAR', situation: 'VARCHAR', ready_for_housing: 'BOOLEAN', birth_date: 'DATE',
  cpr: 'VARCHAR', referred_by: 'VARCHAR', course: 'VARCHAR', method: 'VARCHAR', worker: 'VARCHAR',
  expected: 'DATE', housing_solution: 'BOOLEAN', "to": 'VARCHAR', entry: 'VARCHAR',
  anonymous: 'BOOLEAN', age_estimate: 'INTEGER'});
CREATE OR REPLACE TABLE j AS SELECT rowid AS pos, * FROM j;
