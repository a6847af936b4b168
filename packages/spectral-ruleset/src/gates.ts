/**
 * Readiness gate ids the rules evidence. They are the seeds' canonical ids (iam-service readiness,
 * section 2) so the readiness evaluator can join lint findings to its gate catalog.
 */
export const GATES = {
  openapiPresent: 'api.openapi_present',
  versioning: 'api.versioning',
  idempotency: 'api.idempotency',
  errorEnvelope: 'api.error_envelope',
  errorCodesRegistered: 'api.error_codes_registered',
  tracing: 'api.tracing',
  asyncapiPresent: 'events.asyncapi_present',
  eventNaming: 'events.naming',
  eventEnvelope: 'events.envelope',
  schemaRegistry: 'events.schema_registry',
  secAuthentication: 'sec.authentication',
  secDataExposure: 'sec.data_exposure',
  secHeaders: 'sec.headers',
  secCrypto: 'sec.crypto',
  secAbuse: 'sec.waf_rules',
  runbooks: 'obs.runbooks',
  slos: 'obs.slos',
} as const;

export type GateId = (typeof GATES)[keyof typeof GATES];
