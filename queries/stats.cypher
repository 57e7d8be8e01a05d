// Question: what does the store hold?
// Command: stats
// Parameters: none
// Columns: measure, value
// Example: policykg stats
OPTIONAL MATCH (d:Document)
WITH count(d) AS documents, count(CASE WHEN d.stub = false THEN 1 END) AS stored
OPTIONAL MATCH (t:Task)
WITH documents, stored, count(t) AS tasks
OPTIONAL MATCH (g:Target)
WITH documents, stored, tasks, count(g) AS targets
OPTIONAL MATCH (a:Agency)
WITH documents, stored, tasks, targets, count(a) AS agencies
OPTIONAL MATCH (l:Document)
WHERE l.stub = false
WITH documents, stored, tasks, targets, agencies, toInteger(sum(coalesce(l.led_tasks, 0))) AS led
OPTIONAL MATCH (:Agency)-[s:SUCCEEDED_BY]->(:Agency)
WITH documents, stored, tasks, targets, agencies, led, count(s) AS successions
OPTIONAL MATCH (r:StatusReport)
WITH documents, stored, tasks, targets, agencies, led, successions, count(r) AS reports
OPTIONAL MATCH (p:Document)
WHERE p.stub = false AND p.province IS NOT NULL
WITH documents, stored, tasks, targets, agencies, led, successions, reports, count(DISTINCT p.province) AS provinces
UNWIND [
  {measure: 'documents stored', value: stored},
  {measure: 'documents cited only', value: documents - stored},
  {measure: 'provinces with stored documents', value: provinces},
  {measure: 'tasks', value: tasks},
  {measure: 'tasks with a lead', value: led},
  {measure: 'targets', value: targets},
  {measure: 'agencies', value: agencies},
  {measure: 'succession facts applied', value: successions},
  {measure: 'status reports', value: reports}
] AS row
RETURN row.measure AS measure, row.value AS value
