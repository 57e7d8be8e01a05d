// Question: which agencies work together, and how often (lead–partner and partner–partner on one task)?
// Command: network [--province P] [--specific-only]
// Parameters:
//   $provinces (list of string or null, default null): provinces of the documents
//   $specific_only (boolean, default false): leave out collective groups ("Các sở, ban, ngành")
// Columns: a (agency), a_province, b (agency), b_province, weight (tasks shared), lead_partner, partner_partner,
//   a_uid, b_uid (undirected: a_uid < b_uid; api.network_graph gives a networkx graph)
// Example: policykg network --province "Lào Cai" --format csv
CALL {
  MATCH (d:Document)
  WHERE $provinces IS NULL OR d.province IN $provinces
  WITH collect(d) AS documents
  UNWIND documents AS d
  MATCH (t:Task)-[:PART_OF]->(d)
  MATCH (l:Agency)<-[:ASSIGNED_TO]-(t)-[:COORDINATES_WITH]->(p:Agency)
  WHERE l <> p AND ($specific_only = false OR (l.kind = 'specific' AND p.kind = 'specific'))
  RETURN CASE WHEN l.uid < p.uid THEN l ELSE p END AS a, CASE WHEN l.uid < p.uid THEN p ELSE l END AS b, t,
         true AS lead
  UNION ALL
  MATCH (d:Document)
  WHERE $provinces IS NULL OR d.province IN $provinces
  WITH collect(d) AS documents
  UNWIND documents AS d
  MATCH (t:Task)-[:PART_OF]->(d)
  MATCH (a:Agency)<-[:COORDINATES_WITH]-(t)-[:COORDINATES_WITH]->(b:Agency)
  WHERE a.uid < b.uid AND ($specific_only = false OR (a.kind = 'specific' AND b.kind = 'specific'))
  RETURN a, b, t, false AS lead
}
// Above, lead–partner and partner–partner pairs as two single-type patterns (comments inside that CALL
// crashed the embedded server): one pattern over both types, relationships named, cost twice as much.
// The documents are collected first so that Neo4j starts from them, not from every agency's tasks.
// (Neo4j 5.26 calls CALL without a scope clause deprecated; FalkorDB does not read CALL () { }.)
WITH a, b, count(DISTINCT t) AS weight, count(CASE WHEN lead THEN 1 END) AS lead_partner,
     count(CASE WHEN NOT lead THEN 1 END) AS partner_partner
RETURN a.name AS a, a.province AS a_province, b.name AS b, b.province AS b_province, weight, lead_partner,
       partner_partner, a.uid AS a_uid, b.uid AS b_uid
ORDER BY weight DESC, a_uid, b_uid
