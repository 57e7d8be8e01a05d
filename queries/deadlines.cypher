// Question: what is due, done or overdue as of a date, in the Government's task-tracking terms
//   (QĐ 42/2014/QĐ-TTg, QĐ 23/2018/QĐ-TTg: done on time, done late, not done and in time,
//   not done and overdue), plus recurring tasks and tasks with no deadline?
// Command: deadlines [--as-of DATE] [--until DATE] [--province P] [--agency A] [--bucket B]
// Parameters:
//   $as_of (string): ISO date the buckets are judged on (the command's default: today)
//   $until (string or null, default null): only "not done, in time" tasks due on or before this date
//   $provinces (list of string or null, default null): provinces of the documents
//   $agency_uids (list of string or null, default null): only tasks these agencies lead
// Columns: bucket, due (deadline; a month or year counts to its end), deadline, timeframe, document,
//   province, path, leads, status, status_on, task, uid
// Example: policykg deadlines --as-of 2026-07-01 --province "Lào Cai"
MATCH (d:Document)
WHERE $provinces IS NULL OR d.province IN $provinces
// The current reports of a document's tasks in one pass per document (an OPTIONAL MATCH per task was a
// sub-plan per task: ~10 µs each, 2,000+ tasks a province), latest last: a task has one current report,
// and were there several, the latest recorded is the one that counts.
OPTIONAL MATCH (d)<-[:PART_OF]-(:Task)<-[:REPORTS_ON]-(r:StatusReport)
WHERE r.current = true
WITH d, r
ORDER BY r.at
WITH d, collect(r) AS reports,
     coalesce(d.symbol, coalesce(d.doc_type, 'Văn bản') + ' (không số, ' + coalesce(d.province, 'trung ương') + ')')
       AS document
MATCH (t:Task)-[:PART_OF]->(d)
// What each task needs is written on it at load: its leads (t.leads in name order, t.lead_uids alongside,
// from the same rows as its ASSIGNED_TO edges), the last day its deadline allows (t.due: a year counts to
// its end, a month to '-31') and whether its timeframe marks standing work (t.recurring, from the
// vocabulary's recurring_words). Expressions per task were most of this question's server time.
// (A WHERE on t right after its MATCH made FalkorDB start from every task.)
WITH t, d, document, reports
WHERE $agency_uids IS NULL OR any(u IN t.lead_uids WHERE u IN $agency_uids)
WITH t, d, document, CASE WHEN size(reports) = 0 THEN null ELSE last([r IN reports WHERE r.task = t.uid]) END AS s
WITH t, d, document, s,
     CASE
       WHEN t.due IS NULL THEN CASE WHEN t.recurring THEN 4 ELSE 5 END
       WHEN s.status = 'done' THEN CASE WHEN s.on <= t.due THEN 3 ELSE 2 END
       WHEN t.due < $as_of THEN 0
       ELSE 1
     END AS rank
WHERE $until IS NULL OR rank <> 1 OR t.due <= $until
// (A CASE, not a list indexed by rank: FalkorDB would build the list for every row.)
RETURN CASE rank WHEN 0 THEN 'not done, overdue' WHEN 1 THEN 'not done, in time' WHEN 2 THEN 'done late'
         WHEN 3 THEN 'done on time' WHEN 4 THEN 'recurring' ELSE 'no deadline' END AS bucket,
       t.due AS due, t.deadline AS deadline, t.timeframe AS timeframe, document, d.province AS province,
       t.path AS path, coalesce(t.leads, []) AS leads, s.status AS status, s.on AS status_on, t.text AS task,
       t.uid AS uid
ORDER BY rank, coalesce(t.due, ''), uid
