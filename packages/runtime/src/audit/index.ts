export { AUDIT_TABLE, auditTrail, createAuditWriter } from './audit.js';
export type { AuditRow } from './audit.js';
