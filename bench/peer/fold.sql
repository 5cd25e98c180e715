-- The fold of DESIGN §5 for as-of date X = ${X} and known-at time T = ${T} (docs/indicators.md).
-- Course order: date, then recorded, then journal position (pos).

-- k: the citizens' entries that count known at T: recorded <= T, not a void, not named by a void
-- recorded <= T; of the kinds DESIGN §5 reads (dwelling entries have no citizen; DESIGN §9 is not
-- part of this peer).
CREATE OR REPLACE TEMP TABLE k AS
SELECT j.* FROM j
ANTI JOIN (SELECT entry FROM j WHERE kind = 'void' AND rec <= TIMESTAMP '${T}') v ON j.id = v.entry
WHERE j.citizen IS NOT NULL AND j.rec <= TIMESTAMP '${T}'
  AND j.kind IN ('registered', 'identified', 'housing', 'action_plan', 'course_started', 'course_ended',
                 'contact', 'release_planned', 'moved', 'died');

-- sp: the situation spans: per citizen and date the last housing entry in course order; a span
-- holds from d to the day before next_d. run_same / run_base number the runs of consecutive spans
-- with the same situation / with a situation in HOMELESS_BASE (or not).
CREATE OR REPLACE TEMP TABLE sp AS
WITH h AS (
  SELECT citizen, "date" AS d, situation AS s, coalesce(ready_for_housing, false) AS ready,
         situation IN ('street', 'night_shelter', 'shelter', 'hotel', 'friends_family', 'transitional', 'makeshift') AS base
  FROM k WHERE kind = 'housing'
  QUALIFY row_number() OVER (PARTITION BY citizen, "date" ORDER BY rec DESC, pos DESC) = 1),
l AS (
  SELECT *, lead(d) OVER w AS next_d, lag(s) OVER w AS prev_s, lag(base) OVER w AS prev_base
  FROM h WINDOW w AS (PARTITION BY citizen ORDER BY d)),
g AS (
  SELECT *,
    sum(CASE WHEN prev_s IS DISTINCT FROM s THEN 1 ELSE 0 END) OVER w AS run_same,
    sum(CASE WHEN prev_base IS DISTINCT FROM base THEN 1 ELSE 0 END) OVER w AS run_base
  FROM l WINDOW w AS (PARTITION BY citizen ORDER BY d ROWS UNBOUNDED PRECEDING))
SELECT *, min(d) OVER (PARTITION BY citizen, run_same) AS same_start,
          min(d) OVER (PARTITION BY citizen, run_base) AS base_start
FROM g;

-- co: the courses (first course_started of each id), ended by the earliest course_ended of the id
-- that comes after the start in course order.
CREATE OR REPLACE TEMP TABLE co AS
WITH s AS (
  SELECT citizen, course, method, worker, "date" AS start, rec, pos FROM k WHERE kind = 'course_started'
  QUALIFY row_number() OVER (PARTITION BY citizen, course ORDER BY "date", rec, pos) = 1)
SELECT s.citizen, s.course, s.method, s.worker, s.start, min(e."date") AS stop
FROM s LEFT JOIN k e ON e.kind = 'course_ended' AND e.citizen = s.citizen AND e.course = s.course
  AND (e."date" > s.start OR (e."date" = s.start AND (e.rec > s.rec OR (e.rec = s.rec AND e.pos > s.pos))))
GROUP BY ALL;

-- mi: move-ins (own_home after HOMELESS_BASE or an institution).
CREATE OR REPLACE TEMP TABLE mi AS
SELECT citizen, d AS m FROM sp
WHERE s = 'own_home' AND prev_s IN ('street', 'night_shelter', 'shelter', 'hotel', 'friends_family',
  'transitional', 'makeshift', 'hospital', 'treatment', 'prison');

-- cx: each citizen registered on or before X, on X.
CREATE OR REPLACE TEMP TABLE cx AS
WITH r0 AS (
  SELECT citizen, "date" AS reg, municipality AS reg_muni, coalesce(referred_by, 'unknown') AS referral,
    birth_date, replace(cpr, '-', '') AS c, anonymous, age_estimate
  FROM k WHERE kind = 'registered'
  QUALIFY row_number() OVER (PARTITION BY citizen ORDER BY "date", rec, pos) = 1),
-- an anonymous person's identification (DESIGN §10): the first in course order
id0 AS (
  SELECT citizen, "date" AS identified, replace(cpr, '-', '') AS ic FROM k WHERE kind = 'identified'
  QUALIFY row_number() OVER (PARTITION BY citizen ORDER BY "date", rec, pos) = 1),
-- the birth date: birth_date, or from the CPR number (DESIGN §4: the century from the 7th digit),
-- for an anonymous person identified on or before X, from the identification's CPR number
r1 AS (
  SELECT r0.*,
    r0.anonymous AND NOT coalesce(id0.identified <= DATE '${X}', false) AS anon_x,
    coalesce(r0.anonymous AND id0.identified <= DATE '${X}', false) AS by_id,
    id0.ic
  FROM r0 LEFT JOIN id0 USING (citizen)),
r AS (
  SELECT citizen, reg, reg_muni, referral, anon_x, age_estimate,
    CASE WHEN anon_x THEN NULL ELSE coalesce(CASE WHEN NOT by_id THEN birth_date END, make_date(
      CAST(substr(cc, 5, 2) AS INT) + CASE
        WHEN substr(cc, 7, 1) IN ('0', '1', '2', '3') THEN 1900
        WHEN substr(cc, 7, 1) IN ('4', '9') THEN CASE WHEN CAST(substr(cc, 5, 2) AS INT) <= 36 THEN 2000 ELSE 1900 END
        ELSE CASE WHEN CAST(substr(cc, 5, 2) AS INT) <= 57 THEN 2000 ELSE 1800 END END,
      CAST(substr(cc, 3, 2) AS INT), CAST(substr(cc, 1, 2) AS INT))) END AS birth
  FROM (SELECT *, CASE WHEN by_id THEN ic ELSE c END AS cc FROM r1)),
mv AS (
  SELECT citizen, "to" FROM k WHERE kind = 'moved' AND "date" <= DATE '${X}'
  QUALIFY row_number() OVER (PARTITION BY citizen ORDER BY "date" DESC, rec DESC, pos DESC) = 1),
dd AS (SELECT citizen, min("date") AS died FROM k WHERE kind = 'died' GROUP BY citizen),
ap AS (SELECT citizen, min("date") AS first_ap FROM k WHERE kind = 'action_plan' GROUP BY citizen),
rel AS (
  SELECT citizen, "date" AS rel_date, expected, housing_solution FROM k
  WHERE kind = 'release_planned' AND "date" <= DATE '${X}'
  QUALIFY row_number() OVER (PARTITION BY citizen ORDER BY "date" DESC, rec DESC, pos DESC) = 1),
son AS (
  SELECT * FROM sp WHERE d <= DATE '${X}'
  QUALIFY row_number() OVER (PARTITION BY citizen ORDER BY d DESC) = 1),
x AS (
  SELECT r.citizen, coalesce(mv."to", r.reg_muni) AS muni, r.reg, r.referral,
    -- an anonymous person's age: the estimate plus the whole years since the registration; no
    -- age known (no birth date, no estimate) counts as 0 (docs/indicators.md)
    CASE WHEN r.anon_x THEN CASE WHEN r.age_estimate IS NULL THEN 0 ELSE r.age_estimate + greatest(0,
        year(DATE '${X}') - year(r.reg) - CASE WHEN month(DATE '${X}') * 100 + day(DATE '${X}') < month(r.reg) * 100 + day(r.reg) THEN 1 ELSE 0 END) END
      WHEN r.birth IS NULL THEN 0 ELSE
      year(DATE '${X}') - year(r.birth) - CASE WHEN month(DATE '${X}') * 100 + day(DATE '${X}') < month(r.birth) * 100 + day(r.birth) THEN 1 ELSE 0 END END AS age,
    dd.died, coalesce(dd.died > DATE '${X}', true) AS alive, ap.first_ap <= DATE '${X}' AS has_ap,
    son.s AS sit, son.ready, son.base, son.same_start, son.base_start,
    rel.rel_date,
    son.s IN ('hospital', 'treatment', 'prison') AND rel.housing_solution = false
      AND rel.expected > DATE '${X}' AND rel.expected <= DATE '${X}' + 30 AS release_wo
  FROM r LEFT JOIN mv USING (citizen) LEFT JOIN dd USING (citizen) LEFT JOIN ap USING (citizen)
    LEFT JOIN rel USING (citizen) LEFT JOIN son USING (citizen)
  WHERE r.reg <= DATE '${X}')
SELECT *, coalesce(base, false) OR coalesce(release_wo, false) AS hl,
  coalesce(release_wo, false) AS rwo, coalesce(has_ap, false) AS ap_by_x
FROM x;
