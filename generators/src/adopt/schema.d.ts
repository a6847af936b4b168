export interface AdoptGeneratorSchema {
  /** Workspace-relative folder of the existing service. */
  directory: string;
  /** Do not judge the readiness level before and after. */
  skipReadiness?: boolean;
}
