// Question: which tasks does nobody own: no lead at all, or only collective leads ("Các sở, ban, ngành")?
// Command: unassigned [--province P]
// Parameters:
//   $provinces (list of string or null, default null): provinces of the documents (every name the province had)
// Columns: document, province, path, reason ("no lead" or "collective leads only"), leads, task, uid, document_uid
// Example: policykg unassigned --province "Lào Cai"
MATCH (t:Task)-[:PART_OF]->(d:Document)
WHERE $provinces IS NULL OR d.province IN $provinces
OPTIONAL MATCH (t)-[:ASSIGNED_TO]->(a:Agency)
WITH t, d, a
ORDER BY a.name
WITH t, d, collect(a.name) AS leads, count(CASE WHEN a.kind = 'specific' THEN 1 END) AS specific
WHERE specific = 0
RETURN coalesce(d.symbol, coalesce(d.doc_type, 'Văn bản') + ' (không số, ' + coalesce(d.province, 'trung ương') + ')')
         AS document,
       d.province AS province, t.path AS path,
       CASE WHEN size(leads) = 0 THEN 'no lead' ELSE 'collective leads only' END AS reason,
       leads, t.text AS task, t.uid AS uid, d.uid AS document_uid
ORDER BY document_uid, uid
