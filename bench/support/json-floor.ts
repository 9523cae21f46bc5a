/**
 * The loader's JSON floor: exactly the host-side work opa-wasm's `evaluate()` does around
 * the Wasm call (stringify the input, a new TextEncoder, copy into linear memory, scan for
 * the result's NUL, a new TextDecoder, parse), on the same input and output, with no Wasm
 * call. A policy cannot be faster than this through the unmodified SDK.
 */
export function jsonFloor(input: unknown, resultSetJson: string): () => unknown {
  const memory = new WebAssembly.Memory({ initial: 5 });
  const outputAt = 64 * 1024;
  const outputBytes = new TextEncoder().encode(resultSetJson + '\0');
  new Uint8Array(memory.buffer).set(outputBytes, outputAt);
  return () => {
    const inputBytes = new TextEncoder().encode(JSON.stringify(input));
    new Uint8Array(memory.buffer).set(inputBytes, 1024);
    const view = new Uint8Array(memory.buffer);
    let end = outputAt;
    while (view[end] !== 0) end++;
    return JSON.parse(
      new TextDecoder().decode(new Uint8Array(memory.buffer, outputAt, end - outputAt)),
    );
  };
}
