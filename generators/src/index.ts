export { serviceGenerator } from './service/service';
export { resourceGenerator } from './resource/resource';
export type { ServiceGeneratorSchema } from './service/schema';
export type { ResourceGeneratorSchema } from './resource/schema';
export { readManifest, sha256, MANIFEST_PATH, type Manifest } from './utils/manifest';
