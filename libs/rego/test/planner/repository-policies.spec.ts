/** The repository's own policies (policies/) plan to valid IR and decide as their comments say. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validatePolicy } from '../../src/ir/validate';
import { IrInterpreter } from './ir-interpreter';
import { planSource } from './plan-source';

const POLICIES = join(__dirname, '../../../../policies');
const ENTRYPOINT = 'coresdk/authz/allow';

describe('repository policies', () => {
  const sources = [join(POLICIES, 'global.rego'), join(POLICIES, 'tenants/acme-corp.rego')].map(
    (path) => readFileSync(path, 'utf8'),
  );
  const planned = planSource(sources, { entrypoints: [ENTRYPOINT] });

  it('plan without diagnostics to valid IR', () => {
    expect(planned.diagnostics).toEqual([]);
    expect(validatePolicy(planned.policy!)).toEqual([]);
  });

  it.each([
    [{ action: 'products:read', user: { role: 'viewer' } }, true],
    [{ action: 'products:write', user: { role: 'viewer' } }, false],
    [{ action: 'products:write', user: { role: 'editor' } }, true],
    [{ action: 'products:delete', user: { role: 'editor' } }, false],
    [{ action: 'products:delete', user: { role: 'admin' } }, true],
    [{ action: 'analytics:read', user: { tenant_id: 'acme-corp' } }, true],
    [{ action: 'analytics:read', user: { tenant_id: 'globex' } }, false],
  ])('decides %j → %s', (input, allowed) => {
    const result = new IrInterpreter(planned.policy!).evaluate(ENTRYPOINT, { input });
    expect(result).toEqual([{ result: allowed }]);
  });
});
