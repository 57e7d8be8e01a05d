// Question: how many tasks does each agency have in each document, by role (a RACI view)?
// Command: matrix [--province P]
// Parameters:
//   $provinces (list of string or null, default null): provinces of the documents (every name the province had)
// Columns: province (of the document), agency, document, lead (accountable), partner (support),
//   monitor (informed), total, agency_uid, document_uid
// Example: policykg matrix --province "Lạng Sơn"
MATCH (t:Task)-[r:ASSIGNED_TO|COORDINATES_WITH|MONITORED_BY]->(a:Agency)
MATCH (t)-[:PART_OF]->(d:Document)
WHERE $provinces IS NULL OR d.province IN $provinces
WITH d, a, count(CASE type(r) WHEN 'ASSIGNED_TO' THEN 1 END) AS lead,
     count(CASE type(r) WHEN 'COORDINATES_WITH' THEN 1 END) AS partner,
     count(CASE type(r) WHEN 'MONITORED_BY' THEN 1 END) AS monitor
RETURN d.province AS province, a.name AS agency,
       coalesce(d.symbol, coalesce(d.doc_type, 'Văn bản') + ' (không số, ' + coalesce(d.province, 'trung ương') + ')')
         AS document,
       lead, partner, monitor, lead + partner + monitor AS total, a.uid AS agency_uid, d.uid AS document_uid
ORDER BY coalesce(province, ''), total DESC, agency, document_uid
