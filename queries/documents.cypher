// Question: which documents does the graph hold (or cite), by province and type?
// Command: documents [--province P] [--type T] [--cited]
// Parameters:
//   $provinces (list of string or null, default null): the documents' provinces
//   $type (string or null, default null): document type as stored ("Kế hoạch", "Quyết định" …)
//   $keys (list of string or null, default null): symbol keys ("36-NQ/TW", upper case, no spaces)
//   $stored_only (boolean, default true): leave out documents known only from a citation
// Columns: document, type, province, issuer, date, stored, tasks, title, symbol, key, scope, year, uid
// Example: policykg documents --province "Hưng Yên"
MATCH (d:Document)
WHERE ($provinces IS NULL OR d.province IN $provinces) AND ($type IS NULL OR d.doc_type = $type)
  AND ($keys IS NULL OR d.key IN $keys) AND ($stored_only = false OR d.stub = false)
OPTIONAL MATCH (t:Task)-[:PART_OF]->(d)
WITH d, count(t) AS tasks
RETURN coalesce(d.symbol, coalesce(d.doc_type, 'Văn bản') + ' (không số, ' + coalesce(d.province, 'trung ương') + ')')
         AS document,
       d.doc_type AS type, d.province AS province, d.issuer AS issuer, d.issued_date AS date,
       CASE WHEN d.stub THEN 'cited only' ELSE 'stored' END AS stored, CASE WHEN d.stub THEN null ELSE tasks END AS tasks,
       d.title AS title, d.symbol AS symbol, d.key AS key, d.scope AS scope, d.year AS year, d.uid AS uid
ORDER BY coalesce(province, ''), coalesce(date, ''), uid
