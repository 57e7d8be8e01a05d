// Question: which provinces does the graph hold documents of, and what did they become on 1 July 2025?
// Command: provinces
// Parameters:
//   $now (list of map): every province name with the province it is part of from 1 July 2025, {name, now}
// Columns: province, since_2025 (the province it is part of from 1 July 2025), documents (stored), tasks, agencies
// Example: policykg provinces
MATCH (d:Document)
WHERE d.province IS NOT NULL AND d.stub = false
// Tasks counted per document first: a count(DISTINCT d) over every task's row cost a third more.
OPTIONAL MATCH (d)<-[:PART_OF]-(t:Task)
WITH d, count(t) AS tasks
WITH d.province AS province, count(d) AS documents, toInteger(sum(tasks)) AS tasks  // FalkorDB sums to a float
OPTIONAL MATCH (a:Agency {province: province})
WITH province, documents, tasks, count(a) AS agencies
RETURN province, [m IN $now WHERE m.name = province | m.now][0] AS since_2025, documents, tasks, agencies
ORDER BY province
