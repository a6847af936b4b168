// The gate catalog lives in @shipshape/contracts (gates.yaml, typed gate ids); the evaluator reads it there.
export {
  CATALOG_FILE,
  loadCatalog,
  parseCatalog,
  type Catalog,
  type GateDef,
  type GroupDef,
  type LevelDef,
} from '@shipshape/contracts';
