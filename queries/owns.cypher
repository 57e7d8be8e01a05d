// Question: which tasks does an agency lead, partner or monitor?
// Parameters: $name (canonical agency name), $province (or null), $role_type (ASSIGNED_TO,
//             COORDINATES_WITH, MONITORED_BY or null for all)
// Columns: agency, province, role, path, task, deadline, timeframe, product, document, quote
MATCH (t:Task)-[r:ASSIGNED_TO|COORDINATES_WITH|MONITORED_BY]->(a:Agency)
WHERE a.name = $name AND ($province IS NULL OR a.province = $province)
  AND ($role_type IS NULL OR type(r) = $role_type)
MATCH (t)-[:PART_OF]->(d:Document)
RETURN a.name AS agency, a.province AS province,
       CASE type(r) WHEN 'ASSIGNED_TO' THEN 'lead' WHEN 'COORDINATES_WITH' THEN 'partner' ELSE 'monitor' END AS role,
       t.path AS path, t.text AS task, t.deadline AS deadline, t.timeframe AS timeframe,
       t.product AS product, coalesce(d.symbol, d.uid) AS document, r.quote AS quote
ORDER BY document, path, role, task
