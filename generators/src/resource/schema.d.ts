export interface ResourceGeneratorSchema {
  name: string;
  project: string;
  ifMatch?: 'optional' | 'required';
  force?: boolean;
  skipFormat?: boolean;
}
