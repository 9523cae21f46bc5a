/** Injection token of the request audit recorder. */
export const AUDIT_RECORDER = Symbol('AuditRecorder');
