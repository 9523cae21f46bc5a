// Fatal errors. Messages are AssemblyScript string literals (static UTF-16) copied as
// ASCII into a static buffer, so aborting never allocates (it may report "out of memory").

import { opa_abort } from './env';

const MESSAGE_CAPACITY: i32 = 1024;
const messageBuffer = memory.data(MESSAGE_CAPACITY);
let messageLength: i32 = 0;

/** Starts a message in the static buffer. */
export function messageStart(): void {
  messageLength = 0;
}

/** Appends an ASCII literal to the message (non-ASCII becomes '?', the host decodes bytes). */
export function messageAppendLiteral(text: string): void {
  const length = text.length;
  for (let i = 0; i < length; i++) {
    let code = <u32>load<u16>(changetype<usize>(text) + ((<usize>i) << 1));
    if (code > 0x7e) code = 0x3f;
    messageAppendByte(<u8>code);
  }
}

/** Appends raw bytes (e.g. a builtin name taken from a Rego string). */
export function messageAppendBytes(pointer: usize, length: usize): void {
  for (let i: usize = 0; i < length; i++) {
    let code = load<u8>(pointer + i);
    if (code > 0x7e || code < 0x20) code = 0x3f;
    messageAppendByte(code);
  }
}

function messageAppendByte(code: u8): void {
  if (messageLength < MESSAGE_CAPACITY - 1) {
    store<u8>(messageBuffer + messageLength, code);
    messageLength++;
  }
}

/** Aborts with the message built so far. */
export function messageAbort(): void {
  store<u8>(messageBuffer + messageLength, 0);
  opa_abort(messageBuffer);
  unreachable();
}

export function abortWith(text: string): void {
  messageStart();
  messageAppendLiteral(text);
  messageAbort();
}
