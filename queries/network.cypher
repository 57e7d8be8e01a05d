// Question: which agencies work together, and how often (lead–partner and partner–partner on one task)?
// Command: network [--province P] [--specific-only]
// Parameters:
//   $provinces (list of string or null, default null): provinces of the documents
//   $specific_only (boolean, default false): leave out collective groups ("Các sở, ban, ngành")
// Columns: a (agency), a_province, b (agency), b_province, weight (tasks shared), lead_partner, partner_partner,
//   a_uid, b_uid (undirected: a_uid < b_uid; api.network_graph gives a networkx graph)
// Example: policykg network --province "Lào Cai" --format csv
MATCH (t:Task)-[r1:ASSIGNED_TO|COORDINATES_WITH]->(a:Agency), (t)-[r2:ASSIGNED_TO|COORDINATES_WITH]->(b:Agency)
WHERE a.uid < b.uid AND NOT (type(r1) = 'ASSIGNED_TO' AND type(r2) = 'ASSIGNED_TO')
  AND ($specific_only = false OR (a.kind = 'specific' AND b.kind = 'specific'))
MATCH (t)-[:PART_OF]->(d:Document)
WHERE $provinces IS NULL OR d.province IN $provinces
WITH a, b, count(DISTINCT t) AS weight,
     count(CASE WHEN type(r1) <> type(r2) THEN 1 END) AS lead_partner,
     count(CASE WHEN type(r1) = type(r2) THEN 1 END) AS partner_partner
RETURN a.name AS a, a.province AS a_province, b.name AS b, b.province AS b_province, weight, lead_partner,
       partner_partner, a.uid AS a_uid, b.uid AS b_uid
ORDER BY weight DESC, a_uid, b_uid
