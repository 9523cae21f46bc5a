import type { TenantDeclaration } from './core-sdk-config.interface';
import type { TenantList } from './config-layer';
import { describeType, OPTIONS_SOURCE, showValue } from './setting-origin';

const TOML_EXAMPLE = 'acme-corp = { display_name = "Acme Corp" }';

/**
 * Reads `[[tenants]]`: an array of tables whose keys are tenant ids and whose values are
 * tables of attributes (`display_name` plus anything policies may need). Id syntax is
 * checked later, against the tenant id pattern that wins after merging.
 */
export function readTomlTenants(raw: unknown, source: string, problems: string[]): TenantList {
  const list = newList();
  if (!Array.isArray(raw)) {
    problems.push(
      `${source}: [tenants] must be an array of tables, got ${describeType(raw)}: write ` +
        `[[tenants]] (double brackets) followed by entries such as ${TOML_EXAMPLE}`,
    );
    return list;
  }
  raw.forEach((entry, index) => {
    const where = `[[tenants]] #${index + 1}`;
    if (!isTable(entry)) {
      problems.push(
        `${source}: ${where} must be a table, got ${describeType(entry)}: write ${TOML_EXAMPLE}`,
      );
      return;
    }
    for (const [id, value] of Object.entries(entry)) {
      if (!isTable(value)) {
        problems.push(
          `${source}: ${where} tenant ${JSON.stringify(id)} must be a table of attributes, got ` +
            `${describeType(value)}: write ${tomlKey(id)} = { display_name = ${showValue(String(value))} }`,
        );
        continue;
      }
      const { display_name: displayName, ...attributes } = value;
      if (displayName !== undefined && typeof displayName !== 'string') {
        problems.push(
          `${source}: ${where} tenant ${JSON.stringify(id)} display_name must be a string, got ` +
            `${describeType(displayName)}: write display_name = "..."`,
        );
        continue;
      }
      addTenant(
        list,
        { id, displayName: displayName ?? null, attributes: toPlainTable(attributes) },
        {
          label: `${source}: ${where} ${JSON.stringify(id)}`,
          where,
          source,
          problems,
        },
      );
    }
  });
  return list;
}

/** Reads the `tenants` array of the forRoot options: `{ id, displayName?, ...attributes }`. */
export function readOptionTenants(raw: unknown, problems: string[]): TenantList {
  const list = newList();
  if (!Array.isArray(raw)) {
    problems.push(
      `${OPTIONS_SOURCE}: tenants must be an array, got ${describeType(raw)}: pass ` +
        "tenants: [{ id: 'acme-corp', displayName: 'Acme Corp' }]",
    );
    return list;
  }
  raw.forEach((entry, index) => {
    const where = `tenants[${index}]`;
    if (!isTable(entry) || typeof entry.id !== 'string') {
      problems.push(
        `${OPTIONS_SOURCE}: ${where} must be an object with a string id, got ` +
          `${isTable(entry) ? 'id ' + describeType(entry.id) : describeType(entry)}: pass ` +
          "{ id: 'acme-corp', displayName: 'Acme Corp' }",
      );
      return;
    }
    const { id, displayName, ...attributes } = entry;
    if (displayName !== undefined && displayName !== null && typeof displayName !== 'string') {
      problems.push(
        `${OPTIONS_SOURCE}: ${where}.displayName must be a string, got ${describeType(displayName)}: ` +
          "pass displayName: 'Acme Corp'",
      );
      return;
    }
    addTenant(
      list,
      { id, displayName: displayName ?? null, attributes: toPlainTable(attributes) },
      {
        label: `${OPTIONS_SOURCE}: ${where} ${JSON.stringify(id)}`,
        where,
        source: OPTIONS_SOURCE,
        problems,
      },
    );
  });
  return list;
}

/** A list being read, with where each id was first declared to report duplicates. */
interface ListBuilder extends TenantList {
  firstDeclaredAt: Map<string, string>;
}

function newList(): ListBuilder {
  return { tenants: [], labels: [], firstDeclaredAt: new Map() };
}

function addTenant(
  list: ListBuilder,
  tenant: TenantDeclaration,
  at: { label: string; where: string; source: string; problems: string[] },
): void {
  const first = list.firstDeclaredAt.get(tenant.id);
  if (first !== undefined) {
    at.problems.push(
      `${at.source}: tenant ${JSON.stringify(tenant.id)} is declared twice, in ${first} and ` +
        `${at.where}: remove one of them (or merge their attributes)`,
    );
    return;
  }
  list.firstDeclaredAt.set(tenant.id, at.where);
  list.tenants.push(tenant);
  list.labels.push(at.label);
}

function isTable(value: unknown): value is Record<string, unknown> {
  return (
    value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date)
  );
}

function tomlKey(id: string): string {
  return /^[A-Za-z0-9_-]+$/.test(id) ? id : JSON.stringify(id);
}

/**
 * Attributes become policy data (`data.tenants[id]`), so they are made plain JSON: toml
 * dates turn into their text, prototype-less tables into ordinary objects.
 */
function toPlainTable(table: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(table).map(([key, value]) => [key, toPlain(value)]));
}

function toPlain(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(toPlain);
  if (isTable(value)) return toPlainTable(value);
  return value;
}
