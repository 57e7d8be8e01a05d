// Question: what is due, done or overdue as of a date, in the Government's task-tracking terms
//   (QĐ 42/2014/QĐ-TTg, QĐ 23/2018/QĐ-TTg: done on time, done late, not done and in time,
//   not done and overdue), plus recurring tasks and tasks with no deadline?
// Command: deadlines [--as-of DATE] [--until DATE] [--province P] [--agency A] [--bucket B]
// Parameters:
//   $as_of (string): ISO date the buckets are judged on (the command's default: today)
//   $until (string or null, default null): only "not done, in time" tasks due on or before this date
//   $provinces (list of string or null, default null): provinces of the documents
//   $agency_uids (list of string or null, default null): only tasks these agencies lead
//   $recurring (list of string, default ["hằng năm", "Hằng năm", "hàng năm", "Hàng năm", "thường xuyên",
//     "Thường xuyên", "định kỳ", "Định kỳ"]): timeframe words that mark a recurring task
// Columns: bucket, due (deadline; a month or year counts to its end), deadline, timeframe, document,
//   province, path, leads, status, status_on, task, uid
// Example: policykg deadlines --as-of 2026-07-01 --province "Lào Cai"
MATCH (d:Document)
WHERE $provinces IS NULL OR d.province IN $provinces
// The current reports of a document's tasks in one pass per document (an OPTIONAL MATCH per task was a
// sub-plan per task: ~10 µs each, 2,000+ tasks a province); a task has one current report at most, but
// should it have several, each gives a row.
OPTIONAL MATCH (d)<-[:PART_OF]-(:Task)<-[:REPORTS_ON]-(r:StatusReport)
WHERE r.current = true
WITH d, collect(r) AS reports,
     coalesce(d.symbol, coalesce(d.doc_type, 'Văn bản') + ' (không số, ' + coalesce(d.province, 'trung ương') + ')') AS document
MATCH (t:Task)-[:PART_OF]->(d)
// A task's leads are written on it at load (t.leads in name order, t.lead_uids alongside), from the same
// rows as its ASSIGNED_TO edges. (A WHERE on t right after its MATCH made FalkorDB start from every task.)
WITH t, d, document, reports
WHERE $agency_uids IS NULL OR any(u IN t.lead_uids WHERE u IN $agency_uids)
WITH t, d, document, [r IN reports WHERE r.task = t.uid] AS mine
UNWIND CASE WHEN size(mine) = 0 THEN [null] ELSE mine END AS s
WITH t, d, document, s, coalesce(t.leads, []) AS leads,
     CASE size(coalesce(t.deadline, '')) WHEN 0 THEN null WHEN 4 THEN t.deadline + '-12-31'
          WHEN 7 THEN t.deadline + '-31' ELSE t.deadline END AS due
WITH t, d, document, s, leads, due,
     CASE
       WHEN due IS NOT NULL AND s.status = 'done' AND s.on <= due THEN 'done on time'
       WHEN due IS NOT NULL AND s.status = 'done' THEN 'done late'
       WHEN due IS NOT NULL AND due < $as_of THEN 'not done, overdue'
       WHEN due IS NOT NULL THEN 'not done, in time'
       WHEN any(w IN $recurring WHERE coalesce(t.timeframe, '') CONTAINS w) THEN 'recurring'
       ELSE 'no deadline'
     END AS bucket
WHERE $until IS NULL OR bucket <> 'not done, in time' OR due <= $until
RETURN bucket, due, t.deadline AS deadline, t.timeframe AS timeframe, document,
       d.province AS province, t.path AS path, leads, s.status AS status, s.on AS status_on, t.text AS task,
       t.uid AS uid
ORDER BY CASE bucket WHEN 'not done, overdue' THEN 0 WHEN 'not done, in time' THEN 1 WHEN 'done late' THEN 2
              WHEN 'done on time' THEN 3 WHEN 'recurring' THEN 4 ELSE 5 END,
         coalesce(due, ''), uid
