// Question: which agencies does the graph know, with how many tasks in each role, and do they still exist?
// Command: agencies [--province P]
// Parameters:
//   $provinces (list of string or null, default null): the agencies' provinces
// Columns: name, province, kind (specific or collective), lead, partner, monitor, succeeded_by (bodies that
//   took over its work, when it no longer exists), uid
// Example: policykg agencies --province "Lạng Sơn"
MATCH (a:Agency)
WHERE $provinces IS NULL OR a.province IN $provinces
OPTIONAL MATCH (t)-[r:ASSIGNED_TO|COORDINATES_WITH|MONITORED_BY]->(a)
WITH a, count(CASE type(r) WHEN 'ASSIGNED_TO' THEN 1 END) AS lead,
     count(CASE type(r) WHEN 'COORDINATES_WITH' THEN 1 END) AS partner,
     count(CASE type(r) WHEN 'MONITORED_BY' THEN 1 END) AS monitor
OPTIONAL MATCH (a)-[:SUCCEEDED_BY]->(b:Agency)
WITH a, lead, partner, monitor, b
ORDER BY b.name
WITH a, lead, partner, monitor, collect(b.name) AS succeeded_by
RETURN a.name AS name, a.province AS province, a.kind AS kind, lead, partner, monitor, succeeded_by, a.uid AS uid
ORDER BY coalesce(province, ''), lead + partner + monitor DESC, uid
