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
UNWIND coalesce($seeds, $words) AS seed
// The score of every candidate is exact, but not every candidate is scored: a candidate's score is at most
// `best` (every word and phrase found) × 100 / (50 + its length), so once `limit` candidates are known to
// score at least `low`, only those short enough to reach `low` can be in the answer. A first pass scores a
// few likely ones (the shortest, and the shortest holding every phrase) for `low`; the second scores the
// candidates short enough and ranks them. A word common to most texts (10⁴–10⁵ postings) then costs a pass
// over its postings reading lengths, not a text search in each (~5× less). Candidates are filtered in a
// WITH, not the MATCH's WHERE: there FalkorDB planned from every node to the words.
MATCH (:Term {uid: seed})<-[:HAS_TERM]-(x)
WITH x
WHERE $label IS NULL OR $label IN labels(x)
WITH x
ORDER BY x.words
LIMIT 3000
WITH collect(DISTINCT x) AS short
WITH short[..300] + [x IN short[300..] WHERE all(ph IN $phrases WHERE x.folded CONTAINS ph)][..300] AS head
OPTIONAL MATCH (w:Term)
WHERE w.uid IN $words
WITH head, collect(' ' + w.uid + ' ') AS ws, collect(CASE WHEN w IS NOT NULL THEN coalesce(w.weight, 0) END) AS wt
WITH head, ws, wt, reduce(s = 0, v IN wt | s + v) + 1000 * size($phrases) AS best
UNWIND head AS x
OPTIONAL MATCH (x)-[:PART_OF]->(d:Document)
WITH x, d, x.folded AS f, ws, wt, best
WHERE $provinces IS NULL OR coalesce(d.province, x.province) IN $provinces
WITH best, toInteger((reduce(s = 0, i IN range(0, size(ws) - 1) | s + CASE WHEN f CONTAINS ws[i] THEN wt[i] ELSE 0 END)
                + 1000 * size([ph IN $phrases WHERE f CONTAINS ph])) * 100 / (50 + x.words)) AS score
ORDER BY score DESC
LIMIT $limit
WITH max(best) AS best, min(score) AS low, count(score) AS n
// The longest text that can still reach `low` (none known: no bound); integers, as the score.
WITH CASE WHEN n < $limit OR low = 0 THEN null ELSE best * 100 / low - 50 END AS longest
UNWIND coalesce($seeds, $words) AS seed
WITH longest, seed
MATCH (:Term {uid: seed})<-[:HAS_TERM]-(x)
WITH x, longest
WHERE ($label IS NULL OR $label IN labels(x)) AND (longest IS NULL OR x.words <= longest)
WITH collect(DISTINCT x) AS xs
OPTIONAL MATCH (w:Term)
WHERE w.uid IN $words
WITH xs, collect(' ' + w.uid + ' ') AS ws, collect(CASE WHEN w IS NOT NULL THEN coalesce(w.weight, 0) END) AS wt
UNWIND xs AS x
OPTIONAL MATCH (x)-[:PART_OF]->(d:Document)
WITH x, d, x.folded AS f, ws, wt
WHERE $provinces IS NULL OR coalesce(d.province, x.province) IN $provinces
WITH x, d, [i IN range(0, size(ws) - 1) WHERE f CONTAINS ws[i] | wt[i]] AS found,
     size([ph IN $phrases WHERE f CONTAINS ph]) AS phrases
WITH x, d, size(found) AS hits,
     toInteger((reduce(s = 0, w IN found | s + w) + 1000 * phrases) * 100 / (50 + x.words)) AS score
ORDER BY score DESC, x.uid
LIMIT $limit
RETURN CASE WHEN x:Task THEN 'task' WHEN x:Document THEN 'document' ELSE 'agency' END AS kind,
       CASE WHEN x:Task THEN x.path WHEN x:Document THEN coalesce(x.symbol, coalesce(x.doc_type, 'Văn bản')
            + ' (không số, ' + coalesce(x.province, 'trung ương') + ')') ELSE x.name END AS name,
       coalesce(x.text, x.title, x.name) AS text,
       coalesce(d.symbol, coalesce(d.doc_type, 'Văn bản') + ' (không số, ' + coalesce(d.province, 'trung ương') + ')')
         AS document,
       coalesce(d.province, x.province) AS province, hits, score, x.uid AS uid
ORDER BY score DESC, uid
LIMIT $limit
