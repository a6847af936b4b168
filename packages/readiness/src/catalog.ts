// The gate catalog lives in @shipshape/contracts (gates.yaml, typed gate ids); the evaluator reads it there and adds
// what only the evaluator knows: how a team's own gate (declared as data, src/custom/) is judged.
import {
  CATALOG_FILE,
  loadCatalog as loadContractsCatalog,
  parseCatalog as parseContractsCatalog,
  type Catalog as ContractsCatalog,
  type GateDef as ContractsGateDef,
  type GroupDef as ContractsGroupDef,
  type LevelDef,
} from '@shipshape/contracts';

export { CATALOG_FILE, type LevelDef };

/** How a custom gate is judged (see src/custom/). */
export type CustomCheck =
  | { kind: 'file'; glob: string }
  | { kind: 'json'; file: string; path: string; op: '>=' | '<=' | '==' | '>' | '<' | '!='; value: unknown }
  | { kind: 'attestation'; roles?: string[] };

export interface GateDef extends ContractsGateDef {
  /** Custom gates (a team's own, from a gates file): how the gate is judged from data. */
  check?: CustomCheck;
  /** Declared in a team's gates file rather than the built-in catalog. */
  custom?: boolean;
}

export interface GroupDef extends Omit<ContractsGroupDef, 'gates'> {
  gates: GateDef[];
}

export interface Catalog extends Omit<ContractsCatalog, 'groups' | 'gates'> {
  groups: GroupDef[];
  gates: GateDef[];
}

export const loadCatalog = (): Catalog => loadContractsCatalog();
export const parseCatalog = (text: string): Catalog => parseContractsCatalog(text);
