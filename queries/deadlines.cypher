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
MATCH (t:Task)-[:PART_OF]->(d)
// Leads and the current report in one pass per task: a filter on the report inside OPTIONAL MATCH made
// FalkorDB run a sub-plan per task (~10 µs each, 2,000+ tasks a province); a task has one current report
// at most, but should it have several, each still gives a row, as before.
OPTIONAL MATCH (t)-[:ASSIGNED_TO]->(a:Agency)
OPTIONAL MATCH (t)<-[:REPORTS_ON]-(r:StatusReport)
WITH t, d, a, r
ORDER BY a.name
WITH t, d, collect(DISTINCT a) AS agencies, collect(DISTINCT CASE WHEN r.current = true THEN r END) AS reports
WHERE $agency_uids IS NULL OR any(a IN agencies WHERE a.uid IN $agency_uids)
UNWIND CASE WHEN size(reports) = 0 THEN [null] ELSE reports END AS s
WITH t, d, s, [a IN agencies | a.name] AS leads,
     CASE size(coalesce(t.deadline, '')) WHEN 0 THEN null WHEN 4 THEN t.deadline + '-12-31'
          WHEN 7 THEN t.deadline + '-31' ELSE t.deadline END AS due
WITH t, d, s, leads, due,
     CASE
       WHEN due IS NOT NULL AND s.status = 'done' AND s.on <= due THEN 'done on time'
       WHEN due IS NOT NULL AND s.status = 'done' THEN 'done late'
       WHEN due IS NOT NULL AND due < $as_of THEN 'not done, overdue'
       WHEN due IS NOT NULL THEN 'not done, in time'
       WHEN any(w IN $recurring WHERE coalesce(t.timeframe, '') CONTAINS w) THEN 'recurring'
       ELSE 'no deadline'
     END AS bucket
WHERE $until IS NULL OR bucket <> 'not done, in time' OR due <= $until
RETURN bucket, due, t.deadline AS deadline, t.timeframe AS timeframe,
       coalesce(d.symbol, coalesce(d.doc_type, 'Văn bản') + ' (không số, ' + coalesce(d.province, 'trung ương') + ')')
         AS document,
       d.province AS province, t.path AS path, leads, s.status AS status, s.on AS status_on, t.text AS task,
       t.uid AS uid
ORDER BY CASE bucket WHEN 'not done, overdue' THEN 0 WHEN 'not done, in time' THEN 1 WHEN 'done late' THEN 2
              WHEN 'done on time' THEN 3 WHEN 'recurring' THEN 4 ELSE 5 END,
         coalesce(due, ''), uid
