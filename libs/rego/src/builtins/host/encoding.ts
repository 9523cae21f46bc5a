import { BuiltinError } from '../builtin-error';
import { decodeBase64 } from './base64-strict';
import { define, type HostRegistry } from './host-builtin';
import { objectOperand, stringOperand } from './operands';

/** Go's url.QueryEscape: unreserved characters stay, space becomes '+', the rest %XX (upper case). */
export function queryEscape(text: string): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const character = String.fromCharCode(byte);
    if (/[A-Za-z0-9\-_.~]/.test(character)) out += character;
    else if (character === ' ') out += '+';
    else out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** Go's url.QueryUnescape; throws Go's error for a bad escape. */
export function queryUnescape(text: string): string {
  const bytes: number[] = [];
  for (let index = 0; index < text.length; index++) {
    const character = text[index];
    if (character === '%') {
      const hex = text.slice(index + 1, index + 3);
      if (!/^[0-9A-Fa-f]{2}$/.test(hex)) {
        throw new Error(`invalid URL escape ${JSON.stringify(text.slice(index, index + 3))}`);
      }
      bytes.push(parseInt(hex, 16));
      index += 2;
    } else if (character === '+') {
      bytes.push(0x20);
    } else {
      bytes.push(...Buffer.from(character, 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

function guarded<T>(builtin: string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof BuiltinError) throw error;
    throw new BuiltinError(builtin, (error as Error).message);
  }
}

/** Registers hex.*, urlquery.*, base64.* and base64url.*. */
export function register(into: HostRegistry): void {
  define(into, 'hex.encode', 1, (value: unknown) =>
    Buffer.from(stringOperand('hex.encode', 1, value), 'utf8').toString('hex'),
  );

  define(into, 'hex.decode', 1, (value: unknown) => {
    const text = stringOperand('hex.decode', 1, value);
    const bad = /[^0-9A-Fa-f]/.exec(text);
    if (bad) {
      const code = bad[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
      throw new BuiltinError('hex.decode', `encoding/hex: invalid byte: U+${code} '${bad[0]}'`);
    }
    if (text.length % 2 === 1)
      throw new BuiltinError('hex.decode', 'encoding/hex: odd length hex string');
    return Buffer.from(text, 'hex').toString('utf8');
  });

  define(into, 'urlquery.encode', 1, (value: unknown) =>
    queryEscape(stringOperand('urlquery.encode', 1, value)),
  );

  define(into, 'urlquery.decode', 1, (value: unknown) =>
    guarded('urlquery.decode', () => queryUnescape(stringOperand('urlquery.decode', 1, value))),
  );

  define(into, 'urlquery.encode_object', 1, (value: unknown) => {
    const object = objectOperand('urlquery.encode_object', 1, value);
    const pairs: string[] = [];
    // Go's url.Values.Encode sorts by key and keeps each key's values in order.
    for (const key of Object.keys(object).sort()) {
      const item = object[key];
      const values = typeof item === 'string' ? [item] : item;
      if (!Array.isArray(values) || !values.every((entry) => typeof entry === 'string')) {
        throw new BuiltinError(
          'urlquery.encode_object',
          'operand 1 must be object[string: string|array[string]|set[string]]',
        );
      }
      for (const entry of values) pairs.push(`${queryEscape(key)}=${queryEscape(entry)}`);
    }
    return pairs.join('&');
  });

  define(into, 'urlquery.decode_object', 1, (value: unknown) => {
    const text = stringOperand('urlquery.decode_object', 1, value);
    return guarded('urlquery.decode_object', () => {
      const result: Record<string, string[]> = {};
      for (const pair of text.split('&')) {
        if (pair === '') continue;
        if (pair.includes(';')) throw new Error('invalid semicolon separator in query');
        const equals = pair.indexOf('=');
        const key = queryUnescape(equals < 0 ? pair : pair.slice(0, equals));
        const item = equals < 0 ? '' : queryUnescape(pair.slice(equals + 1));
        (result[key] ??= []).push(item);
      }
      return result;
    });
  });

  defineBase64(into);
}

/** base64.* and base64url.*, with Go's strict decoding. */
function defineBase64(into: HostRegistry): void {
  const decoder = (name: string, url: boolean, requirePadding: boolean) => (value: unknown) => {
    const bytes = decodeBase64(stringOperand(name, 1, value), url, requirePadding);
    if (!bytes) throw new BuiltinError(name, 'illegal base64 data');
    return bytes.toString('utf8');
  };
  const utf8 = (name: string, value: unknown) => Buffer.from(stringOperand(name, 1, value), 'utf8');
  define(into, 'base64.encode', 1, (value: unknown) =>
    utf8('base64.encode', value).toString('base64'),
  );
  define(into, 'base64.decode', 1, decoder('base64.decode', false, true));
  define(
    into,
    'base64.is_valid',
    1,
    (value: unknown) => typeof value === 'string' && decodeBase64(value, false, true) !== undefined,
  );
  define(into, 'base64url.encode', 1, (value: unknown) => {
    const unpadded = utf8('base64url.encode', value).toString('base64url');
    return unpadded + '='.repeat((4 - (unpadded.length % 4)) % 4);
  });
  define(into, 'base64url.encode_no_pad', 1, (value: unknown) =>
    utf8('base64url.encode_no_pad', value).toString('base64url'),
  );
  define(into, 'base64url.decode', 1, decoder('base64url.decode', true, false));
}
