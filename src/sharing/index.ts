export * from './roles.ts';
export * from './viewer.ts';
export * from './distribution.ts';
export * from './filter-event.ts';
export { eventVisible, attributeVisible, itemVisible, ruleSql, type AclColumns } from './sharing-sql.ts';
