// Type predicates and type_name. is_* are false (not undefined) for other types.

import {
  TYPE_ARRAY,
  TYPE_BOOLEAN,
  TYPE_NULL,
  TYPE_NUMBER,
  TYPE_OBJECT,
  TYPE_SET,
  TYPE_STRING,
  booleanNew,
  stringNew,
  typeOf,
} from '../value';

export function rt_builtin_is_number(a: i32): i32 {
  return <i32>booleanNew(typeOf(<usize>a) == TYPE_NUMBER);
}

export function rt_builtin_is_string(a: i32): i32 {
  return <i32>booleanNew(typeOf(<usize>a) == TYPE_STRING);
}

export function rt_builtin_is_boolean(a: i32): i32 {
  return <i32>booleanNew(typeOf(<usize>a) == TYPE_BOOLEAN);
}

export function rt_builtin_is_array(a: i32): i32 {
  return <i32>booleanNew(typeOf(<usize>a) == TYPE_ARRAY);
}

export function rt_builtin_is_set(a: i32): i32 {
  return <i32>booleanNew(typeOf(<usize>a) == TYPE_SET);
}

export function rt_builtin_is_object(a: i32): i32 {
  return <i32>booleanNew(typeOf(<usize>a) == TYPE_OBJECT);
}

export function rt_builtin_is_null(a: i32): i32 {
  return <i32>booleanNew(typeOf(<usize>a) == TYPE_NULL);
}

// Type names as UTF-8 bytes in static data, so type_name allocates only the string header.
const NAME_NULL = memory.data<u8>([0x6e, 0x75, 0x6c, 0x6c]);
const NAME_BOOLEAN = memory.data<u8>([0x62, 0x6f, 0x6f, 0x6c, 0x65, 0x61, 0x6e]);
const NAME_NUMBER = memory.data<u8>([0x6e, 0x75, 0x6d, 0x62, 0x65, 0x72]);
const NAME_STRING = memory.data<u8>([0x73, 0x74, 0x72, 0x69, 0x6e, 0x67]);
const NAME_ARRAY = memory.data<u8>([0x61, 0x72, 0x72, 0x61, 0x79]);
const NAME_OBJECT = memory.data<u8>([0x6f, 0x62, 0x6a, 0x65, 0x63, 0x74]);
const NAME_SET = memory.data<u8>([0x73, 0x65, 0x74]);

export function typeName(value: usize): usize {
  switch (typeOf(value)) {
    case TYPE_NULL:
      return stringNew(NAME_NULL, 4);
    case TYPE_BOOLEAN:
      return stringNew(NAME_BOOLEAN, 7);
    case TYPE_NUMBER:
      return stringNew(NAME_NUMBER, 6);
    case TYPE_STRING:
      return stringNew(NAME_STRING, 6);
    case TYPE_ARRAY:
      return stringNew(NAME_ARRAY, 5);
    case TYPE_OBJECT:
      return stringNew(NAME_OBJECT, 6);
    case TYPE_SET:
      return stringNew(NAME_SET, 3);
  }
  return 0;
}

export function rt_builtin_type_name(a: i32): i32 {
  return <i32>typeName(<usize>a);
}
