export * from './error-codes';
export * from './errors';
export * from './topics';
export * from './state-topics';
export * from './schemas';
export * from './envelope';
