// Question: which of the 34 provinces (from 1 July 2025) have a document implementing a directive, through
//   which chain, and which have none?
// Command: coverage SYMBOL [--year Y] [--only-implements]
// Parameters:
//   $root_uids (list of string): stored uids of the directive (the command resolves SYMBOL)
//   $provinces (list of map): the 34 provinces, each {order, name, names: every name its territory had}
//   $only_implements (boolean, default false): follow IMPLEMENTS only, not "căn cứ" (BASED_ON) steps
// Columns: province, covered ("yes" or "no"), documents (implementing documents there), stored (of them,
//   loaded rather than cited only), chain (the shortest chain of the first one)
// Example: policykg coverage 36-NQ/TW
UNWIND $provinces AS prov
OPTIONAL MATCH p = (d:Document)-[:IMPLEMENTS|BASED_ON*1..6]->(root:Document)
WHERE root.uid IN $root_uids AND d.province IN prov.names
  AND ($only_implements = false OR all(r IN relationships(p) WHERE type(r) = 'IMPLEMENTS'))
WITH prov, d, p, size([r IN relationships(coalesce(p, null)) WHERE type(r) = 'BASED_ON']) AS based,
     reduce(s = '', n IN coalesce(nodes(p), []) | s + n.uid + ' ') AS route
ORDER BY prov.order, based, length(p), route
WITH prov, collect(d.uid) AS docs, collect(CASE WHEN d.stub THEN null ELSE d.uid END) AS stored, collect(p) AS paths
WITH prov, docs, stored, paths[0] AS p
RETURN prov.name AS province, CASE WHEN size(docs) = 0 THEN 'no' ELSE 'yes' END AS covered,
       size(reduce(acc = [], u IN docs | CASE WHEN u IN acc THEN acc ELSE acc + u END)) AS documents,
       size(reduce(acc = [], u IN stored | CASE WHEN u IN acc THEN acc ELSE acc + u END)) AS stored,
       CASE WHEN p IS NULL THEN null ELSE
       reduce(s = coalesce(nodes(p)[0].symbol, coalesce(nodes(p)[0].doc_type, 'Văn bản') + ' (không số, '
                  + coalesce(nodes(p)[0].province, 'trung ương') + ')'),
              r IN relationships(p) |
              s + CASE type(r) WHEN 'BASED_ON' THEN ' ⇢căn cứ⇢ ' ELSE ' → ' END
                + coalesce(endNode(r).symbol, coalesce(endNode(r).doc_type, 'Văn bản') + ' (không số, '
                  + coalesce(endNode(r).province, 'trung ương') + ')')) END AS chain
ORDER BY prov.order
