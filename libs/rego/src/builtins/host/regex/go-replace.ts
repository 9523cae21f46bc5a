import type { CompiledRegex } from './compiled-regex';

/**
 * Go's Regexp.Expand template: `$1`, `${1}`, `$name`, `${name}`, `$$`. A `$name` takes
 * the longest run of letters, digits and underscores, so `$1x` means the group "1x"
 * (empty when absent), exactly as in Go.
 */
export function expandTemplate(
  template: string,
  match: RegExpExecArray,
  regex: CompiledRegex,
): string {
  let out = '';
  for (let index = 0; index < template.length; index++) {
    const character = template[index];
    if (character !== '$') {
      out += character;
      continue;
    }
    const rest = template.slice(index + 1);
    if (rest.startsWith('$')) {
      out += '$';
      index++;
      continue;
    }
    const reference = /^\{([A-Za-z0-9_]+)\}/.exec(rest) ?? /^([A-Za-z0-9_]+)/.exec(rest);
    if (!reference) {
      // A `$` that starts no valid reference is copied as is.
      out += '$';
      continue;
    }
    out += groupText(reference[1], match, regex);
    index += reference[0].length;
  }
  return out;
}

function groupText(reference: string, match: RegExpExecArray, regex: CompiledRegex): string {
  if (/^\d+$/.test(reference)) return match[Number(reference)] ?? '';
  const position = regex.groupNames.indexOf(reference);
  return position < 0 ? '' : (match[position + 1] ?? '');
}

/** Go's ReplaceAllString with template expansion. */
export function replaceAll(text: string, regex: CompiledRegex, template: string): string {
  let out = '';
  let copiedUpTo = 0;
  for (const match of regex.findAll(text, -1)) {
    out += text.slice(copiedUpTo, match.index) + expandTemplate(template, match, regex);
    copiedUpTo = match.index + match[0].length;
  }
  return out + text.slice(copiedUpTo);
}

/** Go's Regexp.Split(text, -1), including its handling of empty input and edge matches. */
export function splitAll(text: string, regex: CompiledRegex): string[] {
  if (text === '' && regex.pattern !== '') return [''];
  const parts: string[] = [];
  let begin = 0;
  let end = 0;
  for (const match of regex.findAll(text, -1)) {
    end = match.index;
    if (match.index + match[0].length !== 0) parts.push(text.slice(begin, end));
    begin = match.index + match[0].length;
  }
  if (end !== text.length) parts.push(text.slice(begin));
  return parts;
}
