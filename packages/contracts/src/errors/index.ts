export { standardErrorCodes, type StandardErrorCode, type StandardErrorCodeName } from './standard-codes.js';
