// eslint-disable-next-line @typescript-eslint/no-require-imports
export const GENERATOR_VERSION: string = (require('../../package.json') as { version: string }).version;
