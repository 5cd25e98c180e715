-- The alerts of DESIGN §5 as of X = ${X} (default thresholds: 6 months, age 30, 9 months, 30 days,
-- 30 days for the action plan), over the tables of fold.sql. `since` as docs/indicators.md says.
-- (offer_stalled, an allocation alert of DESIGN §9, is not part of this peer.)

-- @alerts
WITH a AS (SELECT * FROM cx WHERE alive)
SELECT 'shelter_over_6_months' AS rule, citizen, muni, CAST(same_start + INTERVAL 6 MONTH AS DATE) + 1 AS since
FROM a WHERE sit = 'shelter' AND ready AND DATE '${X}' > CAST(same_start + INTERVAL 6 MONTH AS DATE)
UNION ALL
SELECT 'youth_in_shelter', citizen, muni, same_start FROM a WHERE sit = 'shelter' AND age < 30
UNION ALL
SELECT 'cti_over_9_months', a.citizen, a.muni, min(CAST(co.start + INTERVAL 9 MONTH AS DATE) + 1)
FROM a JOIN co USING (citizen)
WHERE co.method = 'CTI' AND co.start <= DATE '${X}' AND (co.stop IS NULL OR co.stop > DATE '${X}')
  AND DATE '${X}' > CAST(co.start + INTERVAL 9 MONTH AS DATE)
GROUP BY a.citizen, a.muni
UNION ALL
SELECT 'release_without_housing', citizen, muni, rel_date FROM a WHERE rwo
UNION ALL
SELECT 'street_sleeper', citizen, muni, same_start FROM a WHERE sit = 'street'
UNION ALL
SELECT 'no_action_plan', citizen, muni, reg + 31 FROM a
WHERE hl AND DATE '${X}' - reg > 30 AND NOT ap_by_x
UNION ALL
SELECT 'returned_to_homelessness', citizen, muni, CASE WHEN base THEN base_start ELSE DATE '${X}' END FROM a
WHERE hl AND citizen IN (SELECT citizen FROM mi
  WHERE m >= CAST(DATE '${X}' - INTERVAL 12 MONTH AS DATE) AND m < DATE '${X}')
ORDER BY rule, citizen;
