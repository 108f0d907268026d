/**
 * The rate sweep of "Choosing rates": hidden width × drop probability on real digits, several
 * seeds per cell. config.ts holds the design; plan.ts the grid and the workers' shares; train.ts one
 * run; summary.ts the seed averaging; verdict.ts the words; csv.ts the download; session.ts and
 * protocol.ts the worker's side.
 */
export * from './config';
export * from './plan';
export * from './train';
export * from './summary';
export * from './verdict';
export * from './csv';
export type { RatesRequest, RatesReply } from './protocol';
export { RatesSession, type RatesHost } from './session';
