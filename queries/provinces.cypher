// Question: which provinces does the graph hold documents of, and what did they become on 1 July 2025?
// Command: provinces
// Parameters:
//   $now (list of map): every province name with the province it is part of from 1 July 2025, {name, now}
// Columns: province, since_2025 (the province it is part of from 1 July 2025), documents (stored), tasks, agencies
// Example: policykg provinces
MATCH (d:Document)
WHERE d.province IS NOT NULL AND d.stub = false
OPTIONAL MATCH (t:Task)-[:PART_OF]->(d)
WITH d.province AS province, count(DISTINCT d) AS documents, count(t) AS tasks
OPTIONAL MATCH (a:Agency {province: province})
WITH province, documents, tasks, count(a) AS agencies
RETURN province, [m IN $now WHERE m.name = province | m.now][0] AS since_2025, documents, tasks, agencies
ORDER BY province
