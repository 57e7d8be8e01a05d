// Question: which tasks, documents and agencies match these words (without diacritics, any case,
//   abbreviations written out), best first?
// Command: search WORDS... [--kind task|document|agency] [--province P] [--limit N]
// Parameters:
//   $words (list of string): folded words to look up in the index (the command folds and expands WORDS)
//   $seeds (list of string or null, default null): the words whose postings give the candidates, the rarest
//     first (the command: the rarest words up to 5,000 postings; for a task named by words, the rarest one);
//     null: every word of $words. A candidate's score counts every word of $words it holds.
//   $w0 … $w7 (string or null, default null): eight of $words, each as " word " (the command: the rarest)
//   $t0 … $t7 (integer, default 0): their weights (Term.weight: 1000 × idf)
//   $p0 … $p7 (string or null, default null): the first eight two-word phrases of WORDS, folded, " a b "
//   $more_words (list of string or null, default null): the other words of $words, as " word "
//   $more_weights (list of integer or null, default null): their weights
//   $more_phrases (list of string or null, default null): the other phrases
//   $most (integer, default 0): the highest sum a text can hold: every weight, and 1000 per phrase
//   $most_words (integer, default 0): the highest sum a text holding no phrase can hold: every weight
//   $label (string or null, default null): Task, Document or Agency; null for all
//   $provinces (list of string or null, default null): provinces of the task or document, or of the agency
//   $limit (integer, default 20): rows to return
// Columns: kind, name (task path, document symbol or agency name), text, document, province,
//   hits (query words found), score (found words' weights plus 1000 per phrase found, scaled by
//   100 / (50 + length in words)), uid
// Example: policykg search "ung dung cong nghe sinh hoc trong xu ly chat thai"
UNWIND coalesce($seeds, $words) AS seed
MATCH (:Term {uid: seed})<-[:HAS_TERM]-(x)
// Two passes over the candidates' postings, the second scoring only those that can be in the answer. A
// score is at most $most × 100 / (50 + length), and $most_words × 100 / (50 + length) for a text holding
// no phrase (1000 × the phrases it holds more for one holding some); once $limit candidates score at least
// `low`, a longer text cannot. The first pass scores
// likely ones (the shortest holding the first phrase, then the shortest; which of equals does not matter:
// any candidates' scores give a valid `low`) for `low`. Each candidate then
// costs a read of its length or a test of its text, not a score: a word in 77,000 texts took 225 ms
// scored in one pass, 400 ms before words became scalar parameters (below).
WITH x
WHERE ($label IS NULL OR $label IN labels(x)) AND ($provinces IS NULL OR x.province IN $provinces)
WITH x, CASE WHEN x.folded CONTAINS coalesce($p0, '') THEN 0 ELSE 1 END AS plain
ORDER BY plain, x.words
LIMIT 300
WITH DISTINCT x
WITH x, x.folded AS f
// The score, written out as in the second pass below (the two stores share no user-defined functions;
// over lists, as a list comprehension, it would cost these 300 rows about 5 ms).
WITH x, toInteger((CASE WHEN f CONTAINS $w0 THEN $t0 ELSE 0 END + CASE WHEN f CONTAINS $w1 THEN $t1 ELSE 0 END
         + CASE WHEN f CONTAINS $w2 THEN $t2 ELSE 0 END + CASE WHEN f CONTAINS $w3 THEN $t3 ELSE 0 END
         + CASE WHEN f CONTAINS $w4 THEN $t4 ELSE 0 END + CASE WHEN f CONTAINS $w5 THEN $t5 ELSE 0 END
         + CASE WHEN f CONTAINS $w6 THEN $t6 ELSE 0 END + CASE WHEN f CONTAINS $w7 THEN $t7 ELSE 0 END
         + 1000 * (CASE WHEN f CONTAINS $p0 THEN 1 ELSE 0 END + CASE WHEN f CONTAINS $p1 THEN 1 ELSE 0 END
                   + CASE WHEN f CONTAINS $p2 THEN 1 ELSE 0 END + CASE WHEN f CONTAINS $p3 THEN 1 ELSE 0 END
                   + CASE WHEN f CONTAINS $p4 THEN 1 ELSE 0 END + CASE WHEN f CONTAINS $p5 THEN 1 ELSE 0 END
                   + CASE WHEN f CONTAINS $p6 THEN 1 ELSE 0 END + CASE WHEN f CONTAINS $p7 THEN 1 ELSE 0 END)
         + CASE WHEN $more_words IS NULL THEN 0
                ELSE reduce(s = 0, i IN range(0, size(coalesce($more_words, [])) - 1)
                            | s + CASE WHEN f CONTAINS $more_words[i] THEN $more_weights[i] ELSE 0 END) END
         + CASE WHEN $more_phrases IS NULL THEN 0 ELSE 1000 * size([ph IN $more_phrases WHERE f CONTAINS ph]) END)
       * 100 / (50 + x.words)) AS score
ORDER BY score DESC
LIMIT $limit
WITH CASE WHEN count(score) < $limit OR min(score) = 0 THEN null ELSE min(score) END AS low
UNWIND coalesce($seeds, $words) AS seed
MATCH (:Term {uid: seed})<-[:HAS_TERM]-(x)
WITH x, x.words AS length, low
WHERE low IS NULL OR length <= $most * 100 / low - 50
WITH x, length, low, x.folded AS f
// Words and phrases are scalar parameters, eight of each, in a CASE each (an unused one is null: CONTAINS
// null is null, the CASE gives 0). FalkorDB evaluates a list parameter or a list comprehension per row at
// about 1 µs an element. Queries of more words (a task named by its whole text) add the rest from lists
// (range over coalesce: FalkorDB evaluates a range of parameters when planning, whatever the CASE says).
WITH x, length, low, f,
     CASE WHEN f CONTAINS $p0 THEN 1 ELSE 0 END + CASE WHEN f CONTAINS $p1 THEN 1 ELSE 0 END
     + CASE WHEN f CONTAINS $p2 THEN 1 ELSE 0 END + CASE WHEN f CONTAINS $p3 THEN 1 ELSE 0 END
     + CASE WHEN f CONTAINS $p4 THEN 1 ELSE 0 END + CASE WHEN f CONTAINS $p5 THEN 1 ELSE 0 END
     + CASE WHEN f CONTAINS $p6 THEN 1 ELSE 0 END + CASE WHEN f CONTAINS $p7 THEN 1 ELSE 0 END
     + CASE WHEN $more_phrases IS NULL THEN 0 ELSE size([ph IN $more_phrases WHERE f CONTAINS ph]) END AS phrases
// The phrases a text holds bound its score more tightly: a text of a common phrase ("gắn với") but not the
// query's others cannot reach `low` unless it is very short.
WHERE low IS NULL OR length <= ($most_words + 1000 * phrases) * 100 / low - 50
WITH x, f, phrases
WHERE ($label IS NULL OR $label IN labels(x)) AND ($provinces IS NULL OR x.province IN $provinces)
WITH DISTINCT x, f, phrases
WITH x, f, toInteger((CASE WHEN f CONTAINS $w0 THEN $t0 ELSE 0 END + CASE WHEN f CONTAINS $w1 THEN $t1 ELSE 0 END
         + CASE WHEN f CONTAINS $w2 THEN $t2 ELSE 0 END + CASE WHEN f CONTAINS $w3 THEN $t3 ELSE 0 END
         + CASE WHEN f CONTAINS $w4 THEN $t4 ELSE 0 END + CASE WHEN f CONTAINS $w5 THEN $t5 ELSE 0 END
         + CASE WHEN f CONTAINS $w6 THEN $t6 ELSE 0 END + CASE WHEN f CONTAINS $w7 THEN $t7 ELSE 0 END
         + CASE WHEN $more_words IS NULL THEN 0
                ELSE reduce(s = 0, i IN range(0, size(coalesce($more_words, [])) - 1)
                            | s + CASE WHEN f CONTAINS $more_words[i] THEN $more_weights[i] ELSE 0 END) END
         + 1000 * phrases) * 100 / (50 + x.words)) AS score
ORDER BY score DESC, x.uid
LIMIT $limit
OPTIONAL MATCH (x)-[:PART_OF]->(d:Document)
RETURN CASE WHEN x:Task THEN 'task' WHEN x:Document THEN 'document' ELSE 'agency' END AS kind,
       CASE WHEN x:Task THEN x.path WHEN x:Document THEN coalesce(x.symbol, coalesce(x.doc_type, 'Văn bản')
            + ' (không số, ' + coalesce(x.province, 'trung ương') + ')') ELSE x.name END AS name,
       coalesce(x.text, x.title, x.name) AS text,
       coalesce(d.symbol, coalesce(d.doc_type, 'Văn bản') + ' (không số, ' + coalesce(d.province, 'trung ương') + ')')
         AS document,
       x.province AS province, size([w IN $words WHERE f CONTAINS (' ' + w + ' ')]) AS hits, score, x.uid AS uid
ORDER BY score DESC, uid
