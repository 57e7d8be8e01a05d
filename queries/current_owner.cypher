// Question: which body holds an agency's (or a task's) responsibility today, following the succession
//   facts (SUCCEEDED_BY) with the legal basis of each step?
// Command: current-owner TASK | --agency A [--province P]
// Parameters:
//   $agency_uids (list of string, default []): stored uids of the bodies to follow (the agency asked for)
//   $task_uid (string or null, default null): a task whose leads to follow; its text decides split successions
// Columns: agency, province, owner (body that holds the work today), owner_province, changes (steps taken),
//   steps (each {from, to, effective, basis, source, scope, default, scoped, matched}), agency_uid, owner_uid
// Example: policykg current-owner --agency "Sở Kế hoạch và Đầu tư" --province "Lạng Sơn"
OPTIONAL MATCH (t:Task {uid: coalesce($task_uid, '')})
// The bodies to follow come by their uid index: the agencies asked for and the task's leads. (A null
// $task_uid compared with a key turns FalkorDB's index off, hence the coalesce; a pattern in the WHERE of
// a scan of every agency, the first form, cost ~100 ms at national scale.)
OPTIONAL MATCH (t)-[:ASSIGNED_TO]->(lead:Agency)
WITH coalesce(t.folded, '') AS topic, $agency_uids + collect(lead.uid) AS uids
UNWIND uids AS uid
WITH DISTINCT topic, uid
MATCH (a:Agency {uid: uid})
// From the body forward: with the test on the end node in the same clause, FalkorDB planned from every
// agency backwards. SUCCEEDED_BY joins agencies only, so the end node needs no label.
MATCH p = (a)-[:SUCCEEDED_BY*0..6]->(now)
WITH topic, a, p, now
WHERE NOT (now)-[:SUCCEEDED_BY]->(:Agency)
RETURN a.name AS agency, a.province AS province, now.name AS owner, now.province AS owner_province,
       length(p) AS changes,
       [r IN relationships(p) | {from: startNode(r).name, to: endNode(r).name, effective: r.effective,
                                 basis: r.basis, source: r.source, scope: r.scope, default: r.default,
                                 scoped: size(r.keywords) > 0,
                                 matched: any(k IN r.keywords WHERE topic CONTAINS k)}] AS steps,
       a.uid AS agency_uid, now.uid AS owner_uid
ORDER BY agency_uid, owner_uid, changes
