export { adopt, topGaps, type AdoptOptions, type AdoptResult, type Gap } from './adopt.js';
export { planAdoption, type Plan, type PlannedFile } from './plan/plan.js';
export { locate, type Located } from './inspect/locate.js';
export { readFacts, type Facts, type OperationFact } from './inspect/facts.js';
export { formatResult } from './cli.js';
