export { ByteReader, WasmDecodeError } from './byte-reader';
export { ByteWriter } from './byte-writer';
export { constI32Value, readConstExpression } from './const-expression';
export { disassembleFunction, type DisassembleOptions } from './disassembler';
export { InstructionEmitter, type Label } from './emitter';
export * from './module';
export { readModule } from './reader';
export { markModified, writeModule, type WriteOptions } from './writer';
