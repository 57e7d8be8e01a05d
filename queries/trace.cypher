// Question: how does a task trace back to the root directive(s) it serves?
// Parameters: $task_uid (uid of a Task)
// Columns: chain (list of steps, each {from, relation, to, quote}), root (symbol of the last document)
MATCH (t:Task {uid: $task_uid})-[part:PART_OF]->(d:Document)
MATCH p = (d)-[:IMPLEMENTS*0..8]->(root:Document)
WHERE NOT (root)-[:IMPLEMENTS]->(:Document)
WITH t, part, d, root, p
RETURN [{from: t.uid, relation: 'PART_OF', to: coalesce(d.symbol, d.uid), quote: part.quote}] +
       [r IN relationships(p) | {from: coalesce(startNode(r).symbol, startNode(r).uid), relation: type(r),
                                 to: coalesce(endNode(r).symbol, endNode(r).uid), quote: r.quote}] AS chain,
       coalesce(root.symbol, root.uid) AS root, root.uid AS root_uid, length(p) AS steps
ORDER BY steps DESC, root_uid
