// Question: how does a task (or a document) trace back to the root directive(s) it serves?
// Command: trace TASK [--province P] [--only-implements]
// Parameters:
//   $uid (string): uid of a Task or a Document (the command resolves TASK from a uid or words of its text)
//   $only_implements (boolean, default false): follow IMPLEMENTS only, not "căn cứ" (BASED_ON) steps
// Columns: root (symbol of the directive reached), root_uid, steps (number of steps),
//   chain (list of steps, each {relation, from_uid, to (symbol or label), to_uid, title, source, line, quote}),
//   status (the task's current status report, if any); chains with fewer "căn cứ" steps and fewer steps first
// Example: policykg trace "ứng dụng CNSH trong xử lý các phụ phẩm" --province "Sơn La"
OPTIONAL MATCH (t:Task {uid: $uid})-[part:PART_OF]->(td:Document)
OPTIONAL MATCH (dd:Document {uid: $uid})
OPTIONAL MATCH (s:StatusReport {current: true})-[:REPORTS_ON]->(t)
WITH t, part, s, coalesce(td, dd) AS d
WHERE d IS NOT NULL
MATCH p = (d)-[:IMPLEMENTS|BASED_ON*0..6]->(root:Document)
WHERE NOT (root)-[:IMPLEMENTS]->(:Document)
  AND ($only_implements OR NOT (root)-[:BASED_ON]->(:Document))
  AND ($only_implements = false OR all(r IN relationships(p) WHERE type(r) = 'IMPLEMENTS'))
WITH DISTINCT t, part, s, d, root, p
WITH t, part, s, d, root, p, size([r IN relationships(p) WHERE type(r) = 'BASED_ON']) AS based,
     reduce(acc = '', n IN nodes(p) | acc + n.uid + ' ') AS route
RETURN coalesce(root.symbol, coalesce(root.doc_type, 'Văn bản') + ' (không số, ' + coalesce(root.province, 'trung ương') + ')')
         AS root,
       root.uid AS root_uid, length(p) + CASE WHEN t IS NULL THEN 0 ELSE 1 END AS steps,
       CASE WHEN t IS NULL THEN [] ELSE
         [{relation: 'PART_OF', from_uid: t.uid, to: coalesce(d.symbol, coalesce(d.doc_type, 'Văn bản') + ' (không số, ' + coalesce(d.province, 'trung ương') + ')'), to_uid: d.uid, title: d.title,
           source: part.source, line: toInteger(split(split(t.span, '"line": ')[1], ',')[0]), quote: part.quote}] END
       + [r IN relationships(p) | {relation: type(r), from_uid: startNode(r).uid,
                                   to: coalesce(endNode(r).symbol, coalesce(endNode(r).doc_type, 'Văn bản') + ' (không số, ' + coalesce(endNode(r).province, 'trung ương') + ')'),
                                   to_uid: endNode(r).uid, title: endNode(r).title, source: r.source, line: null,
                                   quote: r.quote}] AS chain,
       s.status AS status
ORDER BY based, steps, root_uid, route
