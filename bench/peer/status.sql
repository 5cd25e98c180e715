-- The status report of DESIGN §5 as of X = ${X}, over the tables of fold.sql. Each query below
-- (after a line "-- @name") gives one part; run.mjs writes them as the JSON of
-- `tovholder report status --format json`. area '' is the total.

-- @prep
CREATE OR REPLACE TEMP TABLE oc AS  -- courses open on X, of citizens registered on or before X
SELECT co.*, cx.muni FROM co JOIN cx USING (citizen)
WHERE co.start <= DATE '${X}' AND (co.stop IS NULL OR co.stop > DATE '${X}');

-- @counts
SELECT coalesce(muni, '') AS area,
  count(*) FILTER (alive AND hl) AS homeless,
  count(*) FILTER (alive AND hl AND age < 25) AS under_25,
  count(*) FILTER (alive AND hl AND ap_by_x) AS action_plan,
  count(*) FILTER (alive AND hl AND citizen IN (SELECT citizen FROM oc)) AS supported,
  count(*) FILTER (alive AND sit = 'street') AS street,
  count(*) FILTER (alive AND sit = 'shelter' AND age < 30) AS youth_in_shelter,
  count(*) FILTER (alive AND sit = 'shelter' AND DATE '${X}' > CAST(same_start + INTERVAL 6 MONTH AS DATE)) AS over_6_all,
  count(*) FILTER (alive AND sit = 'shelter' AND ready AND DATE '${X}' > CAST(same_start + INTERVAL 6 MONTH AS DATE)) AS over_6,
  count(*) FILTER (alive AND rwo) AS release_without_housing,
  count(*) FILTER (reg > CAST(DATE '${X}' - INTERVAL 12 MONTH AS DATE)) AS new_citizens
FROM cx GROUP BY GROUPING SETS ((muni), ());

-- @splits
SELECT coalesce(muni, '') AS area, 'by_situation' AS split, sit AS key, count(*) AS n
FROM cx WHERE alive AND hl GROUP BY GROUPING SETS ((muni, sit), (sit))
UNION ALL
SELECT coalesce(muni, ''), 'by_age', band, count(*) FROM (
  SELECT muni, CASE WHEN age < 18 THEN '<18' WHEN age <= 24 THEN '18-24' WHEN age <= 29 THEN '25-29'
    WHEN age <= 39 THEN '30-39' WHEN age <= 49 THEN '40-49' WHEN age <= 59 THEN '50-59' ELSE '60+' END AS band
  FROM cx WHERE alive AND hl) GROUP BY GROUPING SETS ((muni, band), (band))
UNION ALL
SELECT coalesce(muni, ''), 'by_referral', referral, count(*) FROM cx
WHERE reg > CAST(DATE '${X}' - INTERVAL 12 MONTH AS DATE) GROUP BY GROUPING SETS ((muni, referral), (referral));

-- @cti
SELECT coalesce(muni, '') AS area, count(*) AS n FROM oc
WHERE method = 'CTI' AND DATE '${X}' > CAST(start + INTERVAL 9 MONTH AS DATE)
GROUP BY GROUPING SETS ((muni), ());

-- @caseload
SELECT coalesce(muni, '') AS area, worker, method, count(*) AS n FROM oc
GROUP BY GROUPING SETS ((muni, worker, method), (worker, method));

-- @contacts
SELECT k.worker, count(*) AS n FROM k SEMI JOIN cx USING (citizen)
WHERE k.kind = 'contact' AND k."date" > DATE '${X}' - 30 AND k."date" <= DATE '${X}'
GROUP BY k.worker;

-- @retention
WITH c AS (
  SELECT mi.citizen, mi.m, CAST(mi.m + INTERVAL 12 MONTH AS DATE) AS e, cx.muni
  FROM mi JOIN cx USING (citizen)
  WHERE CAST(mi.m + INTERVAL 12 MONTH AS DATE) <= DATE '${X}' AND NOT coalesce(cx.died < CAST(mi.m + INTERVAL 12 MONTH AS DATE), false)),
r AS (
  SELECT c.*, NOT EXISTS (SELECT 1 FROM sp WHERE sp.citizen = c.citizen AND sp.base AND sp.d <= c.e
                          AND (sp.next_d IS NULL OR sp.next_d > c.m)) AS retained,
    (SELECT CASE WHEN bool_or(method = 'ACT') THEN 'ACT' WHEN bool_or(method = 'ICM') THEN 'ICM'
                 WHEN bool_or(method = 'CTI') THEN 'CTI' WHEN count(*) > 0 THEN 'other' ELSE 'none' END
     FROM co WHERE co.citizen = c.citizen AND co.start <= c.m AND (co.stop IS NULL OR co.stop > c.m)) AS method
  FROM c)
SELECT coalesce(muni, '') AS area, method, count(*) FILTER (retained) AS num, count(*) AS den
FROM r GROUP BY GROUPING SETS ((muni, method), (method));

-- @median
WITH f AS (SELECT citizen, min(m) AS m FROM mi GROUP BY citizen)
SELECT coalesce(cx.muni, '') AS area, median(f.m - cx.reg) AS v
FROM f JOIN cx USING (citizen)
WHERE f.m > CAST(DATE '${X}' - INTERVAL 12 MONTH AS DATE) AND f.m <= DATE '${X}'
GROUP BY GROUPING SETS ((cx.muni), ());
