/**
 * Entry for the Spectral CLI: a ruleset file can say
 *
 *   extends: ['@shipshape/spectral-ruleset/spectral']
 *
 * (or point at this file's built `dist/spectral.js`), and Spectral loads the default export.
 */
import { shipshapeRuleset } from './ruleset.js';

export default shipshapeRuleset;
