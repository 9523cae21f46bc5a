/**
 * The built-ins that would reach outside the process (http.send, net.lookup_ip_addr) or
 * describe it (opa.runtime), plus trace. The first three are refused at compile time by
 * the default capabilities; a build whose capabilities enable them gets these in-process
 * versions, which never open a connection: a tenant policy must not reach the network, and
 * opa-wasm calls host built-ins synchronously, so a real request could not be awaited.
 * They exist so that policies written for OPA still load, e.g. rules whose http.send is
 * replaced by `with http.send as mock` in tests.
 */
import { BuiltinError } from '../builtin-error';
import { define, type HostRegistry } from './host-builtin';
import { isJsonObject, stringOperand } from './operands';

const NO_NETWORK = 'network access is not available to policies evaluated in-process';

/** OPA's http.send response for a request that failed before any HTTP exchange. */
function networkErrorResponse(): Record<string, unknown> {
  return {
    status_code: 0,
    error: { code: 'eval_http_send_network_error', message: `http.send: ${NO_NETWORK}` },
  };
}

/** Registers http.send, net.lookup_ip_addr, opa.runtime and trace. */
export function register(into: HostRegistry): void {
  define(into, 'http.send', 1, (request: unknown) => {
    if (!isJsonObject(request)) throw BuiltinError.operandType('http.send', 1, 'object', request);
    if (typeof request.url !== 'string' || typeof request.method !== 'string')
      throw new BuiltinError('http.send', 'request must have string "method" and "url" fields');
    // With raise_error false OPA reports transport failures in the response, not as an error.
    if (request.raise_error === false) return networkErrorResponse();
    throw new BuiltinError('http.send', NO_NETWORK);
  });

  define(into, 'net.lookup_ip_addr', 1, (name: unknown) => {
    stringOperand('net.lookup_ip_addr', 1, name);
    throw new BuiltinError('net.lookup_ip_addr', NO_NETWORK);
  });

  // OPA embedded without runtime information answers {}; exposing the server's environment
  // variables or configuration to tenant policies would leak secrets, so nothing more is given.
  define(into, 'opa.runtime', 0, () => ({}));

  // The note goes to the print sink when the loader has one (see loader/custom-builtins.ts).
  define(into, 'trace', 1, (note: unknown) => {
    stringOperand('trace', 1, note);
    return true;
  });
}
