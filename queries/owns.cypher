// Question: which tasks does an agency lead, partner or monitor?
// Command: owns AGENCY [--province P] [--role lead|partner|monitor]
// Parameters:
//   $agency_uids (list of string): stored uids of the agency (the command resolves AGENCY and --province)
//   $role_type (string or null, default null): ASSIGNED_TO, COORDINATES_WITH or MONITORED_BY; null for every role
// Columns: uid (task uid, for trace and status), agency, province, role (lead, partner, monitor), document,
//   path, task, deadline, timeframe, product, status (current status report), status_on, quote (source text),
//   document_uid
// Example: policykg owns "So Y te" --province "lao cai" --role lead
MATCH (a:Agency)
WHERE a.uid IN $agency_uids
MATCH (t:Task)-[r:ASSIGNED_TO|COORDINATES_WITH|MONITORED_BY]->(a)
WHERE $role_type IS NULL OR type(r) = $role_type
MATCH (t)-[:PART_OF]->(d:Document)
OPTIONAL MATCH (s:StatusReport {current: true})-[:REPORTS_ON]->(t)
RETURN t.uid AS uid, a.name AS agency, a.province AS province,
       CASE type(r) WHEN 'ASSIGNED_TO' THEN 'lead' WHEN 'COORDINATES_WITH' THEN 'partner' ELSE 'monitor' END AS role,
       coalesce(d.symbol, coalesce(d.doc_type, 'Văn bản') + ' (không số, ' + coalesce(d.province, 'trung ương') + ')')
         AS document,
       t.path AS path, t.text AS task, t.deadline AS deadline, t.timeframe AS timeframe, t.product AS product,
       s.status AS status, s.on AS status_on, r.quote AS quote, d.uid AS document_uid
ORDER BY document, path, role, uid, agency
