export * from './error-codes';
export * from './topics';
export * from './schemas';
