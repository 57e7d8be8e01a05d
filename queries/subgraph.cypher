// Question: what does one part of the graph hold (documents, their tasks and targets, the agencies assigned to
//   them and the bodies that took over their work), with every edge between them?
// Command: graph [SYMBOL] [--agency A] [--province P] [--task T] [--no-tasks] [--max-nodes N]
// Parameters:
//   $documents (list of string): uids of the documents shown (the command resolves the focus to them)
//   $unit_documents (list of string, default []): documents whose tasks and targets are all shown
//   $tasks (list of string, default []): further tasks shown (their documents among $documents)
//   $agencies (list of string, default []): agencies shown even when no task shown names them
//   $parents (boolean, default false): also the documents that shown documents implement or are based on (one step)
//   $successors (boolean, default true): also the bodies that took over a shown agency's work (SUCCEEDED_BY,
//     followed up to 6 steps)
// Columns: uid, label (Document, Task, Target or Agency), properties (every stored field), edges (each
//   {type, target, properties}: the node's edges to nodes shown, IMPLEMENTS and BASED_ON between documents
//   (with $parents, to the documents added too), PART_OF, ASSIGNED_TO, COORDINATES_WITH, MONITORED_BY,
//   SUCCEEDED_BY); one row per node
// Example: policykg graph 36-NQ/TW -o cascade.html
MATCH (d:Document)
WHERE d.uid IN $documents
RETURN d.uid AS uid, 'Document' AS label, properties(d) AS properties,
       [(d)-[r:IMPLEMENTS|BASED_ON]->(o:Document) WHERE $parents OR o.uid IN $documents
        | {type: type(r), target: o.uid, properties: properties(r)}] AS edges
UNION
MATCH (d:Document)-[:IMPLEMENTS|BASED_ON]->(o:Document)
WHERE $parents AND d.uid IN $documents AND NOT o.uid IN $documents
RETURN DISTINCT o.uid AS uid, 'Document' AS label, properties(o) AS properties,
       [(o)-[r:IMPLEMENTS|BASED_ON]->(x:Document) WHERE x.uid IN $documents
        | {type: type(r), target: x.uid, properties: properties(r)}] AS edges
UNION
MATCH (d:Document)<-[p:PART_OF]-(u:Task)
WHERE d.uid IN $unit_documents
// A part's role edges come from an OPTIONAL MATCH and collect: as a pattern comprehension over the three
// types they cost FalkorDB about 40 µs a task.
OPTIONAL MATCH (u)-[r:ASSIGNED_TO|COORDINATES_WITH|MONITORED_BY]->(a:Agency)
WITH u, d, p, collect(CASE WHEN r IS NOT NULL THEN {type: type(r), target: a.uid, properties: properties(r)} END) AS roles
RETURN u.uid AS uid, 'Task' AS label, properties(u) AS properties,
       [{type: 'PART_OF', target: d.uid, properties: properties(p)}] + roles AS edges
UNION
MATCH (u:Task)-[p:PART_OF]->(d:Document)
WHERE u.uid IN $tasks
OPTIONAL MATCH (u)-[r:ASSIGNED_TO|COORDINATES_WITH|MONITORED_BY]->(a:Agency)
WITH u, d, p, collect(CASE WHEN r IS NOT NULL THEN {type: type(r), target: a.uid, properties: properties(r)} END) AS roles
RETURN u.uid AS uid, 'Task' AS label, properties(u) AS properties,
       [{type: 'PART_OF', target: d.uid, properties: properties(p)}] + roles AS edges
UNION
MATCH (d:Document)<-[p:PART_OF]-(u:Target)
WHERE d.uid IN $unit_documents
OPTIONAL MATCH (u)-[r:ASSIGNED_TO|COORDINATES_WITH|MONITORED_BY]->(a:Agency)
WITH u, d, p, collect(CASE WHEN r IS NOT NULL THEN {type: type(r), target: a.uid, properties: properties(r)} END) AS roles
RETURN u.uid AS uid, 'Target' AS label, properties(u) AS properties,
       [{type: 'PART_OF', target: d.uid, properties: properties(p)}] + roles AS edges
UNION
MATCH (d:Document)<-[:PART_OF]-(u)-[:ASSIGNED_TO|COORDINATES_WITH|MONITORED_BY]->(a:Agency)
WHERE d.uid IN $unit_documents
WITH DISTINCT a
MATCH (a)-[:SUCCEEDED_BY*0..6]->(s:Agency)
WHERE $successors OR s = a
RETURN DISTINCT s.uid AS uid, 'Agency' AS label, properties(s) AS properties,
       [(s)-[r:SUCCEEDED_BY]->(o:Agency) WHERE $successors
        | {type: type(r), target: o.uid, properties: properties(r)}] AS edges
UNION
MATCH (u:Task)-[:ASSIGNED_TO|COORDINATES_WITH|MONITORED_BY]->(a:Agency)
WHERE u.uid IN $tasks
WITH DISTINCT a
MATCH (a)-[:SUCCEEDED_BY*0..6]->(s:Agency)
WHERE $successors OR s = a
RETURN DISTINCT s.uid AS uid, 'Agency' AS label, properties(s) AS properties,
       [(s)-[r:SUCCEEDED_BY]->(o:Agency) WHERE $successors
        | {type: type(r), target: o.uid, properties: properties(r)}] AS edges
UNION
MATCH (a:Agency)
WHERE a.uid IN $agencies
MATCH (a)-[:SUCCEEDED_BY*0..6]->(s:Agency)
WHERE $successors OR s = a
RETURN DISTINCT s.uid AS uid, 'Agency' AS label, properties(s) AS properties,
       [(s)-[r:SUCCEEDED_BY]->(o:Agency) WHERE $successors
        | {type: type(r), target: o.uid, properties: properties(r)}] AS edges
