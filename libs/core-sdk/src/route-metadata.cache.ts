import type { ExecutionContext } from '@nestjs/common';

type Handler = ReturnType<ExecutionContext['getHandler']>;
type ClassRef = ReturnType<ExecutionContext['getClass']>;

/**
 * Per-route values derived from decorator metadata, computed once. Metadata never changes
 * after bootstrap, so the guards on the request path read it here instead of asking the
 * Reflector on every request. Keyed by handler, then class: a handler inherited by several
 * controllers may see different class-level metadata.
 */
export class RouteMetadataCache<Value> {
  private readonly byHandler = new WeakMap<Handler, Map<ClassRef, Value>>();

  /** `compute` runs once per route, with the first request's context of that route. */
  constructor(private readonly compute: (context: ExecutionContext) => Value) {}

  get(context: ExecutionContext): Value {
    const handler = context.getHandler();
    const classRef = context.getClass();
    let byClass = this.byHandler.get(handler);
    if (byClass === undefined) {
      byClass = new Map();
      this.byHandler.set(handler, byClass);
    }
    if (!byClass.has(classRef)) byClass.set(classRef, this.compute(context));
    return byClass.get(classRef) as Value;
  }
}
