export interface ServiceGeneratorSchema {
  name: string;
  directory?: string;
  org?: string;
  tier?: 't0' | 't1' | 't2';
  owner?: string;
  resource?: string;
  ifMatch?: 'optional' | 'required';
  force?: boolean;
  skipFormat?: boolean;
  skipInstall?: boolean;
}
