// The runtime's own error codes are a contract every service registry, the generator and lint agree on: the
// table lives in @shipshape/contracts and the runtime checks registries against it at start-up.
export { standardErrorCodes, type StandardErrorCode, type StandardErrorCodeName } from '@shipshape/contracts';
