import { signature, type BuiltinSignature } from '../builtin-signature';
import { T } from '../type-spec';

const numberOrSet = T.anyOf(T.number, T.set());

/** Operators: comparison, unification, arithmetic, set algebra, membership. */
export const OPERATOR_SIGNATURES: BuiltinSignature[] = [
  signature('eq', [T.any, T.any], T.boolean, { infix: '=' }),
  signature('assign', [T.any, T.any], T.boolean, { infix: ':=' }),
  signature('equal', [T.any, T.any], T.boolean, { infix: '==' }),
  signature('neq', [T.any, T.any], T.boolean, { infix: '!=' }),
  signature('lt', [T.any, T.any], T.boolean, { infix: '<' }),
  signature('lte', [T.any, T.any], T.boolean, { infix: '<=' }),
  signature('gt', [T.any, T.any], T.boolean, { infix: '>' }),
  signature('gte', [T.any, T.any], T.boolean, { infix: '>=' }),
  signature('plus', [T.number, T.number], T.number, { infix: '+' }),
  signature('minus', [numberOrSet, numberOrSet], numberOrSet, { infix: '-' }),
  signature('mul', [T.number, T.number], T.number, { infix: '*' }),
  signature('div', [T.number, T.number], T.number, { infix: '/' }),
  signature('rem', [T.number, T.number], T.number, { infix: '%' }),
  signature('and', [T.set(), T.set()], T.set(), { infix: '&' }),
  signature('or', [T.set(), T.set()], T.set(), { infix: '|' }),
  signature('internal.member_2', [T.any, T.any], T.boolean, { infix: 'in' }),
  signature('internal.member_3', [T.any, T.any, T.any], T.boolean, { infix: 'in' }),
];
