/** The deployments generated scenarios run in live in src/characterization, shared with the scripts. */
export * from '../../../src/characterization/config.js';
