// Question: which documents implement a directive, directly or through others?
// Parameters: $symbol_key (upper-case symbol without spaces, e.g. "36-NQ/TW"), $year (string or null)
// Columns: uid, symbol, doc_type, title, province, issuer, depth, through (symbols between), tasks
MATCH (root:Document)
WHERE root.key = $symbol_key AND ($year IS NULL OR root.year = $year)
MATCH p = (d:Document)-[:IMPLEMENTS*1..8]->(root)
WITH d, p
ORDER BY length(p)
WITH d, collect(p)[0] AS shortest, collect(p) AS paths
WITH d, length(shortest) AS depth,
     [q IN paths | [n IN nodes(q)[1..size(nodes(q)) - 1] | coalesce(n.symbol, n.uid)]] AS routes
OPTIONAL MATCH (t:Task)-[:PART_OF]->(d)
WITH d, depth, routes, count(t) AS tasks
RETURN d.uid AS uid, d.symbol AS symbol, d.doc_type AS doc_type, d.title AS title,
       d.province AS province, d.issuer AS issuer, depth,
       reduce(acc = [], r IN routes | acc + [x IN r WHERE NOT x IN acc]) AS through, tasks
ORDER BY depth, uid
