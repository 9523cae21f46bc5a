/** Help texts; each command's `--help` prints its own, usage errors print it on stderr. */
import { BUNDLE_USAGE } from './commands/build-bundle';

export const MAIN_USAGE = `usage: coresdk <command> [options]

commands:
  build <dir> -o <out>    compile policies to one .wasm per tenant plus manifest.json
  eval -d <dir> <query>   evaluate a query against the policies, print the result as JSON
  check <dir>             report compile errors (exit 1 when there are any)
  test <dir>              run the Rego unit tests (*_test.rego); exit 1 on failures

Run 'coresdk <command> --help' for a command's options.
Exit codes: 0 ok, 1 policy errors or evaluation failure, 2 bad usage.`;

const COMMON = `  --capabilities <file>     OPA capabilities.json listing the built-ins policies may
                           call; any other call is a rego_type_error (default: every
                           built-in except http.send, net.lookup_ip_addr, opa.runtime)
  --strict-builtin-errors  a failing built-in (bad operand, malformed input) is an
                           evaluation error instead of an undefined expression
  --v0-compatible          parse Rego v0 (default: [policies].rego_version of the
                           coresdk.toml in the working directory, or else in <dir>;
                           without one, Rego v1)
  -h, --help               this help`;

export const BUILD_USAGE = `usage: coresdk build <dir> -o <out> [--entrypoint <path>] [--capabilities <file>]
                     [--strict-builtin-errors] [--v0-compatible]

Compiles <dir>/global.rego together with each <dir>/tenants/<tenant>.rego into
<out>/tenants/<tenant>.wasm, and global.rego alone into <out>/global.wasm (used by tenants that
have no file of their own, e.g. those listed in coresdk.toml [[tenants]]). Writes
<out>/manifest.json: tenant → wasm file, sha256, entrypoints, host built-ins (and
strictBuiltinErrors, which the loader must be given too).
Tenant names must match ^[a-z0-9][a-z0-9-]{0,62}$. Nothing is written when any
policy has errors.

options:
  -o, --out <dir>          output directory (created if missing)
  --entrypoint <path>      decision rule, e.g. coresdk/authz/allow (default:
                           [policies].entrypoint of coresdk.toml, else coresdk/authz/allow)
${COMMON}

${BUNDLE_USAGE}`;

export const EVAL_USAGE = `usage: coresdk eval -d <dir> [-i input.json] [--tenant <tenant>] [--v0-compatible] '<query>'

Compiles <dir>/global.rego (plus tenants/<tenant>.rego with --tenant) with the query and
evaluates it; <dir>/data.json, when present, is the base document.

Output (a subset of 'opa eval' JSON):
  query without variables (data.a.b):  {"result":[{"expressions":[{"value":V,"text":"data.a.b"}]}]}
  query with variables (x := data.a):  {"result":[{"bindings":{"x":V}}]}   (no expressions)
  no result (undefined):               {}
Lines of print(...) and trace(...) go to stderr.

options:
  -d, --data <dir>         policy directory
  -i, --input <file>       input document (JSON)
  --tenant <tenant>        also load tenants/<tenant>.rego
${COMMON}`;

export const CHECK_USAGE = `usage: coresdk check <dir> [--entrypoint <path>] [--capabilities <file>] [--v0-compatible]

Compiles every tenant's policy like 'build' without writing anything and prints each
diagnostic as file:line:col: code: message, with the source line and a caret.
Exit code 1 when there are errors, 0 otherwise.

options:
  --entrypoint <path>      decision rule (default as for build)
${COMMON}`;
