export * from './ids';
export * from './post';
export * from './inference';
