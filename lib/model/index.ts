export * from './ids';
export * from './post';
export * from './inference';
export * from './records';
export * from './sync';
export * from './api';
