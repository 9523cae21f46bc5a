(func $policy_heap_base
  i32.const static+88)

(func $policy_builtins
  (local 1 x i32)
  call $rt_object_new
  local.set 0
  local.get 0)

(func $policy_entrypoints
  (local 1 x i32)
  call $rt_object_new
  local.set 0
  local.get 0
  i32.const static+7
  i32.const 10
  call $rt_string
  i32.const 0
  call $rt_number_int
  call $rt_object_insert
  local.get 0)

(func $policy_eval
  (local 1 x i32)
  i32.const static+84
  i32.load offset=0 align=4
  i32.const 1
  i32.add
  local.tee 4
  i32.eqz
  if
    i32.const static+72
    i32.const 0
    i32.const 8
    memory.fill
    i32.const 1
    local.set 4
  end
  i32.const static+84
  local.get 4
  i32.store offset=0 align=4
  i32.const static+80
  i32.const 0
  i32.store offset=0 align=4
  i32.const 0
  call $rt_set_strict_builtin_errors
  block
    block
      local.get 2
      br_table 0 1
    end
    local.get 0
    local.get 1
    local.get 3
    call $plan:test/allow
    return
  end
  i32.const static+17
  call $rt_abort
  unreachable)

(func $number_constant (param i32 x 1) (result i32)
  (local 2 x i32)
  local.get 0
  i32.const 24
  i32.mul
  i32.const static+72
  i32.add
  local.tee 1
  i32.load offset=0 align=4
  i32.eqz
  if
    local.get 0
    i32.const 8
    i32.mul
    i32.const static+72
    i32.add
    local.set 2
    local.get 1
    local.get 2
    i32.load offset=0 align=4
    local.get 2
    i32.load offset=4 align=4
    call $rt_number_text_at
    drop
  end
  local.get 1)

(func $test.allow (param i32 x 2) (result i32)
  (local 5 x i32)
  i32.const static+80
  i32.load offset=0 align=4
  i32.eqz
  if
    i32.const static+72
    i32.load offset=4 align=4
    i32.const static+84
    i32.load offset=0 align=4
    i32.eq
    if
      i32.const static+72
      i32.load offset=0 align=4
      local.set 2
      local.get 2
      i32.const 0
      local.get 2
      i32.const 1
      i32.ne
      select
      return
    end
  end
  block
    block
      local.get 4
      i32.eqz
      if
        local.get 0
        i32.const static+6
        i32.const 1
        call $rt_value_get_string
        local.tee 2
        i32.const 1
        local.get 2
        select
        local.set 4
      end
      local.get 4
      i32.const 1
      i32.eq
      br_if 0
      local.get 4
      local.set 5
      i32.const 1
      call $rt_number_int
      local.set 6
      local.get 5
      i32.eqz
      br_if 0
      local.get 6
      i32.eqz
      br_if 0
      local.get 5
      local.get 6
      call $rt_value_equal
      i32.eqz
      br_if 0
      local.get 3
      i32.eqz
      if
        call $rt_true
        local.set 3
      else
        local.get 3
        call $rt_true
        call $rt_value_equal
        i32.eqz
        if
          call $rt_var_assignment_conflict
          unreachable
        end
      end
    end
    block
      br 1
    end
  end
  i32.const static+80
  i32.load offset=0 align=4
  i32.eqz
  if
    i32.const static+72
    local.get 3
    i32.const 1
    local.get 3
    select
    i32.store offset=0 align=4
    i32.const static+72
    i32.const static+84
    i32.load offset=0 align=4
    i32.store offset=4 align=4
  end
  local.get 3)

(func $plan:test/allow (param i32 x 3)
  (local 3 x i32)
  block
    local.get 0
    local.get 1
    call $test.allow
    local.tee 3
    i32.eqz
    br_if 0
    local.get 3
    local.set 4
    call $rt_object_new
    local.set 5
    local.get 4
    i32.eqz
    br_if 0
    local.get 5
    i32.const static+40
    local.get 4
    call $rt_object_insert
    local.get 5
    i32.eqz
    br_if 0
    local.get 2
    local.get 5
    call $rt_set_add
  end)
