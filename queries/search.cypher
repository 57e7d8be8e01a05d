// Question: which tasks, documents and agencies match these words (without diacritics, any case,
//   abbreviations written out), best first?
// Command: search WORDS... [--kind task|document|agency] [--province P] [--limit N]
// Parameters:
//   $words (list of string): folded words to look up in the index (the command folds and expands WORDS)
//   $seeds (list of string or null, default null): the words whose postings give the candidates, the rarest
//     first (the command: the rarest words up to 5,000 postings; for a task named by words, the rarest one);
//     null: every word of $words. A candidate's score counts every word of $words it holds.
//   $phrases (list of string): folded two-word phrases of WORDS, " a b " (each found adds to the score)
//   $label (string or null, default null): Task, Document or Agency; null for all
//   $provinces (list of string or null, default null): provinces of the task's document or of the agency
//   $limit (integer, default 20): rows to return
// Columns: kind, name (task path, document symbol or agency name), text, document, province,
//   hits (query words found), score (found words' weights, 1000 × idf, plus 1000 per phrase found, scaled
//   by 100 / (50 + length in words)), uid
// Example: policykg search "ung dung cong nghe sinh hoc trong xu ly chat thai"
OPTIONAL MATCH (w:Term)
WHERE w.uid IN $words
WITH collect({word: w.uid, weight: coalesce(w.weight, 0)}) AS weighted
UNWIND coalesce($seeds, $words) AS seed
MATCH (:Term {uid: seed})<-[:HAS_TERM]-(x)
WITH DISTINCT x, weighted
WHERE $label IS NULL OR $label IN labels(x)
WITH x, [w IN weighted WHERE x.folded CONTAINS (' ' + w.word + ' ')] AS found
WITH x, reduce(s = 0, w IN found | s + w.weight) AS weight, size(found) AS hits
OPTIONAL MATCH (x)-[:PART_OF]->(d:Document)
WITH x, d, hits,
     toInteger((weight + 1000 * size([ph IN $phrases WHERE x.folded CONTAINS ph])) * 100 / (50 + x.words)) AS score
WHERE $provinces IS NULL OR coalesce(d.province, x.province) IN $provinces
RETURN CASE WHEN x:Task THEN 'task' WHEN x:Document THEN 'document' ELSE 'agency' END AS kind,
       CASE WHEN x:Task THEN x.path WHEN x:Document THEN coalesce(x.symbol, coalesce(x.doc_type, 'Văn bản')
            + ' (không số, ' + coalesce(x.province, 'trung ương') + ')') ELSE x.name END AS name,
       coalesce(x.text, x.title, x.name) AS text,
       coalesce(d.symbol, coalesce(d.doc_type, 'Văn bản') + ' (không số, ' + coalesce(d.province, 'trung ương') + ')')
         AS document,
       coalesce(d.province, x.province) AS province, hits, score, x.uid AS uid
ORDER BY score DESC, uid
LIMIT $limit
