/**
 * Node 20's `AsyncResource#bind` defines a deprecated `asyncResource` accessor (DEP0172) on every
 * function it binds, and builds it with two `util.deprecate` wrappers per call: 7.7 us a bind
 * against 0.5 us without. Fastify binds once per request body and Nest once per interceptor per
 * request, so a command paid it five times or more (docs/decisions.md D56). Where the running Node
 * still does this, `bind` is replaced by the same binding without the deprecated accessor, which
 * nothing in the ledger or its dependencies reads; the bound function still runs in the resource's
 * async scope, with the same `this`, arguments and `length`.
 */
import { AsyncResource } from 'node:async_hooks';

type Bind = (this: AsyncResource, fn: (...args: never[]) => unknown, thisArg?: unknown) => unknown;

/** Marks the replacement on the shared prototype (a process may build several apps: the tests do). */
const LIGHT_BIND = Symbol.for('ledger.lightAsyncResourceBind');

/** Whether this Node's bind still adds the deprecated accessor (dropped in later Node lines). */
export function bindAddsDeprecatedAccessor(): boolean {
  const bound = new AsyncResource('ledger-probe').bind(() => undefined);
  return Object.getOwnPropertyDescriptor(bound, 'asyncResource') !== undefined;
}

/** Replaces AsyncResource#bind once per process, only on a Node whose bind adds the accessor. */
export function useLightAsyncResourceBind(): void {
  if (LIGHT_BIND in AsyncResource.prototype.bind || !bindAddsDeprecatedAccessor()) return;
  const nodeBind = AsyncResource.prototype.bind as unknown as Bind;
  const lightBind: Bind = function (fn, thisArg) {
    // Node's own checks and errors for anything but a function.
    if (typeof fn !== 'function') return nodeBind.call(this, fn, thisArg);
    const bound =
      thisArg === undefined
        ? ((resource: AsyncResource) =>
            function (this: unknown, ...args: unknown[]) {
              return resource.runInAsyncScope(fn as (...a: unknown[]) => unknown, this, ...args);
            })(this)
        : this.runInAsyncScope.bind(this, fn as (...a: unknown[]) => unknown, thisArg);
    Object.defineProperty(bound, 'length', {
      configurable: true,
      enumerable: false,
      value: fn.length,
      writable: false,
    });
    return bound;
  };
  Object.defineProperty(lightBind, LIGHT_BIND, { value: true });
  AsyncResource.prototype.bind = lightBind as unknown as typeof AsyncResource.prototype.bind;
}
