// The IR between planner and backend: its types, a printer (golden files, debugging) and a validator.
export * from './ir';
export { printPolicy, printFunc, printPlan } from './printer';
export { validatePolicy } from './validate';
