// Question: which tasks' text contains these words?
// Parameters: $words (lower-case text to look for)
// Columns: uid, path, text, document
MATCH (t:Task)-[:PART_OF]->(d:Document)
WHERE toLower(t.text) CONTAINS $words
RETURN t.uid AS uid, t.path AS path, t.text AS text, coalesce(d.symbol, d.uid) AS document
ORDER BY uid
