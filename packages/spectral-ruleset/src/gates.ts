import { gateIds, type GateId as ContractGateId } from '@shipshape/contracts';

/**
 * Readiness gate ids the rules evidence, typed by @shipshape/contracts: a rule naming a gate that the gate
 * catalog does not list does not compile, so the readiness evaluator can always join lint findings to it.
 */
export const GATES = gateIds({
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
  threatModel: 'sec.threat_model',
  runbooks: 'obs.runbooks',
  slos: 'obs.slos',
});

export type GateId = ContractGateId;
