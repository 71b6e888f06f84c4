export * from './registry.ts';
export * from './event.ts';
export * from './uuid.ts';
