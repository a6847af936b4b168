export interface ResourceGeneratorSchema {
  name: string;
  project: string;
  force?: boolean;
  skipFormat?: boolean;
}
