import { MAX_CODE_POINT, complementRanges, normalizeRanges, type CodeRange } from './char-ranges';

/**
 * Decides whether two regex-style globs (as `regex.globs_match` takes them) match a
 * common string. Supported syntax: literals, `\` escapes, `.`, classes `[a-z]` /
 * `[^a-z]`, and the repeats `*` and `+`; every other character is a literal.
 */
export function globsIntersect(left: string, right: string): boolean {
  const a = tokenize(left);
  const b = tokenize(right);
  const seen = new Set<string>();
  const queue: Array<[number, number]> = [[0, 0]];
  while (queue.length > 0) {
    const [i, j] = queue.pop()!;
    const key = `${i},${j}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (i === a.length && j === b.length) return true;
    // A starred token may match nothing.
    if (i < a.length && a[i].star) queue.push([i + 1, j]);
    if (j < b.length && b[j].star) queue.push([i, j + 1]);
    if (i < a.length && j < b.length && overlaps(a[i].ranges, b[j].ranges)) {
      queue.push([a[i].star ? i : i + 1, b[j].star ? j : j + 1]);
    }
  }
  return false;
}

interface GlobToken {
  ranges: CodeRange[];
  star: boolean;
}

function tokenize(glob: string): GlobToken[] {
  const characters = [...glob];
  const tokens: GlobToken[] = [];
  for (let index = 0; index < characters.length; index++) {
    const character = characters[index];
    if (character === '*' || character === '+') {
      const last = tokens[tokens.length - 1];
      if (!last || last.star)
        throw new Error(`invalid glob ${JSON.stringify(glob)}: nothing to repeat`);
      // `x+` is `x` followed by `x*`.
      if (character === '*') last.star = true;
      else tokens.push({ ranges: last.ranges, star: true });
      continue;
    }
    if (character === '.') {
      tokens.push({ ranges: [[0, MAX_CODE_POINT]], star: false });
    } else if (character === '[') {
      const close = characters.indexOf(']', index + 1);
      if (close < 0) throw new Error(`invalid glob ${JSON.stringify(glob)}: missing closing ]`);
      tokens.push({ ranges: classRanges(characters.slice(index + 1, close)), star: false });
      index = close;
    } else {
      if (character === '\\') {
        index++;
        if (index >= characters.length)
          throw new Error(`invalid glob ${JSON.stringify(glob)}: trailing backslash`);
      }
      const code = characters[index].codePointAt(0)!;
      tokens.push({ ranges: [[code, code]], star: false });
    }
  }
  return tokens;
}

function classRanges(body: string[]): CodeRange[] {
  const negated = body[0] === '^';
  const items = negated ? body.slice(1) : body;
  const ranges: CodeRange[] = [];
  for (let index = 0; index < items.length; index++) {
    if (items[index] === '\\' && index + 1 < items.length) index++;
    const low = items[index].codePointAt(0)!;
    if (items[index + 1] === '-' && index + 2 < items.length) {
      ranges.push([low, items[index + 2].codePointAt(0)!]);
      index += 2;
    } else {
      ranges.push([low, low]);
    }
  }
  return negated ? complementRanges(ranges) : normalizeRanges(ranges);
}

function overlaps(left: CodeRange[], right: CodeRange[]): boolean {
  return left.some(([lo, hi]) =>
    right.some(([otherLo, otherHi]) => lo <= otherHi && otherLo <= hi),
  );
}
