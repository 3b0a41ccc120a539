export * from './commands.js';
export * from './decide.js';
export * from './decision.js';
export * from './order-snapshot.js';
export * from './preconditions.js';
export * from './relations.js';
export * from './states.js';
export * from './transitions.js';
