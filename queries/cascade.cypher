// Question: which documents implement a directive, directly or through others, and by which chain?
// Command: cascade SYMBOL [--province P] [--year Y] [--only-implements]
// Parameters:
//   $root_uids (list of string): stored uids of the directive (the command resolves SYMBOL, --province, --year)
//   $only_implements (boolean, default false): follow IMPLEMENTS only, not "căn cứ" (BASED_ON) steps
// Columns: uid, document (symbol, or type and province when unnumbered), type, province, issuer, date,
//   stored ("stored" or "cited only": known from a citation, not loaded), link ("implements" or
//   "via căn cứ" when the chain has a BASED_ON step), depth, chain (documents from this one to the
//   directive: → implements, ⇢căn cứ⇢ based on), routes (number of distinct chains), tasks (own tasks)
// Example: policykg cascade 36-NQ/TW
MATCH (root:Document)
WHERE root.uid IN $root_uids
MATCH p = (d:Document)-[:IMPLEMENTS|BASED_ON*1..6]->(root)
WHERE NOT d.uid IN $root_uids
  AND ($only_implements = false OR all(r IN relationships(p) WHERE type(r) = 'IMPLEMENTS'))
WITH d, p, size([r IN relationships(p) WHERE type(r) = 'BASED_ON']) AS based,
     reduce(s = '', n IN nodes(p) | s + n.uid + ' ') AS route
ORDER BY based, length(p), route
WITH d, collect(p) AS paths
WITH d, paths[0] AS p, size(paths) AS routes
OPTIONAL MATCH (t:Task)-[:PART_OF]->(d)
WITH d, p, routes, count(t) AS tasks
RETURN d.uid AS uid,
       coalesce(d.symbol, coalesce(d.doc_type, 'Văn bản') + ' (không số, ' + coalesce(d.province, 'trung ương') + ')')
         AS document,
       d.doc_type AS type, d.province AS province, d.issuer AS issuer, d.issued_date AS date,
       CASE WHEN d.stub THEN 'cited only' ELSE 'stored' END AS stored,
       CASE WHEN any(r IN relationships(p) WHERE type(r) = 'BASED_ON') THEN 'via căn cứ' ELSE 'implements' END AS link,
       length(p) AS depth,
       reduce(s = coalesce(d.symbol, coalesce(d.doc_type, 'Văn bản') + ' (không số, '
                  + coalesce(d.province, 'trung ương') + ')'),
              r IN relationships(p) |
              s + CASE type(r) WHEN 'BASED_ON' THEN ' ⇢căn cứ⇢ ' ELSE ' → ' END
                + coalesce(endNode(r).symbol, coalesce(endNode(r).doc_type, 'Văn bản') + ' (không số, '
                  + coalesce(endNode(r).province, 'trung ương') + ')')) AS chain,
       routes,
       CASE WHEN d.stub THEN null ELSE tasks END AS tasks
ORDER BY depth, uid
