/**
 * Line coverage of the policy under test, by instrumentation.
 *
 * Method: when coverage is asked for, each policy module is compiled in an instrumented
 * variant in which every non-default rule body (and every `else` body) gets a probe — a
 * `print("<marker> file:line")` call, which always succeeds — before each of its literals
 * and one after its last literal. The tests run on that variant with the loader's `print`
 * hook collecting the probes: a probe before a literal means "evaluation reached this
 * literal", the probe after the last one means "the body succeeded", which covers the rule
 * head's line (the rule produced a value). Test modules are not instrumented.
 *
 * Rules are reported per definition (and per `else` clause): *evaluated* when its first
 * probe ran, *true* when its last one did (so a line can be covered while the rule on it
 * never produced a value: a one-line rule whose condition was evaluated and failed).
 *
 * Limits (honest ones): lines are the starting lines of literals and rule heads, so a
 * literal spanning several lines counts once and a line with two literals is covered when
 * the first one is reached; literals inside comprehensions and `every` bodies are not
 * probed (the literal holding them is); `default` rules are not reported; the checker may
 * reorder a body for safety, and a probe marks the position it was placed at, so a literal
 * the checker moved later is reported as reached when the literals before its original
 * position succeeded. Probes only observe: a probe never fails, so test results are the
 * same with and without coverage.
 */
import type { ExprLiteral, Literal, Module, Rule, Term } from '../ast/nodes';
import type { Location } from '../syntax/location';

/** Prefix of probe output; the control character keeps it apart from a policy's own prints. */
export const PROBE_MARKER = '\u0001coresdk-coverage\u0001';

export interface RuleCoverage {
  /** The rule's name as written (`allow`, `grants[name]`), `… (else)` for an else clause. */
  name: string;
  line: number;
  /** Evaluation reached its body. */
  evaluated: boolean;
  /** Its body succeeded at least once, i.e. the rule produced a value. */
  satisfied: boolean;
}

export interface FileCoverage {
  file: string;
  /** Lines holding a probe, ascending. */
  coverable: number[];
  covered: number[];
  notCovered: number[];
  /** Covered share of the coverable lines, 0–100 (100 for a file without probes). */
  percent: number;
  /** Every probed rule definition, in source order. */
  rules: RuleCoverage[];
}

interface Probe {
  file: string;
  line: number;
}

interface Definition {
  file: string;
  name: string;
  line: number;
  firstProbe: number;
  lastProbe: number;
}

/** Instruments modules and collects which probes ran, across any number of evaluations. */
export class CoverageCollector {
  private readonly probes: Probe[] = [];
  private readonly definitions: Definition[] = [];
  private readonly fired = new Set<number>();

  /** Adds probes to `module` in place. */
  instrument(module: Module): Module {
    for (const rule of module.rules) {
      if (rule.isDefault) continue;
      const name = ruleName(rule);
      rule.body = this.probeBody(rule.body, rule.head.location, module.file, name);
      for (const clause of rule.elseChain)
        clause.body = this.probeBody(clause.body, clause.location, module.file, `${name} (else)`);
    }
    return module;
  }

  /** Feeds one line of print output; returns false when it was not a probe. */
  record(line: string): boolean {
    if (!line.startsWith(PROBE_MARKER)) return false;
    const id = Number(line.slice(PROBE_MARKER.length));
    if (Number.isInteger(id) && id >= 0 && id < this.probes.length) this.fired.add(id);
    return true;
  }

  report(): FileCoverage[] {
    const files = new Map<string, FileCoverage>();
    const entry = (file: string): FileCoverage => {
      let coverage = files.get(file);
      if (!coverage) {
        coverage = { file, coverable: [], covered: [], notCovered: [], percent: 100, rules: [] };
        files.set(file, coverage);
      }
      return coverage;
    };
    this.probes.forEach((probe, id) => {
      const coverage = entry(probe.file);
      coverage.coverable.push(probe.line);
      if (this.fired.has(id)) coverage.covered.push(probe.line);
    });
    for (const definition of this.definitions) {
      entry(definition.file).rules.push({
        name: definition.name,
        line: definition.line,
        evaluated: this.fired.has(definition.firstProbe),
        satisfied: this.fired.has(definition.lastProbe),
      });
    }
    return mergeCoverage([[...files.values()]]);
  }

  private probeBody(body: Literal[], head: Location, file: string, name: string): Literal[] {
    const probed: Literal[] = [];
    const firstProbe = this.probes.length;
    for (const literal of body) probed.push(this.probe(literal.location, file), literal);
    probed.push(this.probe(head, file));
    this.definitions.push({
      file,
      name,
      line: head.line,
      firstProbe,
      lastProbe: this.probes.length - 1,
    });
    return probed;
  }

  private probe(location: Location, file: string): ExprLiteral {
    const id = this.probes.length;
    this.probes.push({ file, line: location.line });
    const at = { ...location };
    return {
      type: 'expr',
      negated: false,
      with: [],
      location: at,
      term: {
        type: 'call',
        operator: ['print'],
        args: [{ type: 'string', value: `${PROBE_MARKER}${id}`, location: at }],
        location: at,
      },
    };
  }
}

/**
 * Merges reports (one file tested by several suites): a line is covered, a rule evaluated
 * or true, when it is in any report. Also normalises: lines unique and ascending.
 */
export function mergeCoverage(reports: readonly FileCoverage[][]): FileCoverage[] {
  const coverable = new Map<string, Set<number>>();
  const covered = new Map<string, Set<number>>();
  const rules = new Map<string, Map<string, RuleCoverage>>();
  for (const entry of reports.flat()) {
    for (const line of entry.coverable) setOf(coverable, entry.file).add(line);
    for (const line of entry.covered) setOf(covered, entry.file).add(line);
    let fileRules = rules.get(entry.file);
    if (!fileRules) rules.set(entry.file, (fileRules = new Map()));
    for (const rule of entry.rules) {
      const key = `${rule.line}\0${rule.name}`;
      const known = fileRules.get(key);
      fileRules.set(key, {
        ...rule,
        evaluated: rule.evaluated || (known?.evaluated ?? false),
        satisfied: rule.satisfied || (known?.satisfied ?? false),
      });
    }
  }
  return [...coverable.keys()].sort().map((file) => {
    const lines = [...(coverable.get(file) ?? [])].sort((a, b) => a - b);
    const reached = covered.get(file) ?? new Set<number>();
    const coveredLines = lines.filter((line) => reached.has(line));
    return {
      file,
      coverable: lines,
      covered: coveredLines,
      notCovered: lines.filter((line) => !reached.has(line)),
      percent: lines.length === 0 ? 100 : (100 * coveredLines.length) / lines.length,
      rules: [...(rules.get(file)?.values() ?? [])].sort((a, b) => a.line - b.line),
    };
  });
}

function setOf(map: Map<string, Set<number>>, file: string): Set<number> {
  let lines = map.get(file);
  if (!lines) map.set(file, (lines = new Set<number>()));
  return lines;
}

/** `allow`, `a.b`, `grants[name]`, `f` — the head reference as written. */
function ruleName(rule: Rule): string {
  return rule.head.ref
    .map((term: Term, index) => {
      if (term.type === 'string')
        return index === 0
          ? term.value
          : /^[A-Za-z_]\w*$/.test(term.value)
            ? `.${term.value}`
            : `[${JSON.stringify(term.value)}]`;
      if (term.type === 'var') return `[${term.generated ? '_' : term.name}]`;
      return '[…]';
    })
    .join('');
}
