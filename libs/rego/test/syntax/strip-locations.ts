/** Drops `location` fields and numbers wildcards by order of appearance, so ASTs from two parses compare equal. */
export function stripLocations(value: unknown): unknown {
  const wildcards = new Map<string, string>();
  const visit = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(visit);
    if (node === null || typeof node !== 'object') return node;
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(node)) {
      if (key === 'location' || key === 'file') continue;
      if (key === 'name' && typeof child === 'string' && child.startsWith('$_')) {
        if (!wildcards.has(child)) wildcards.set(child, `$_w${wildcards.size}`);
        out[key] = wildcards.get(child);
        continue;
      }
      out[key] = visit(child);
    }
    return out;
  };
  return visit(value);
}
