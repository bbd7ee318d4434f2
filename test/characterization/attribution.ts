/** Lives in src/characterization/format1, shared with the scripts. */
export * from '../../src/characterization/format1/attribution.js';
