/**
 * The lighter AsyncResource#bind (D56) must bind exactly as Node's does, minus the deprecated
 * accessor: the function runs in the async scope of the resource (what AsyncLocalStorage and
 * async hooks see), with the caller's `this` (or the given one), its arguments and its length.
 */
import { AsyncLocalStorage, AsyncResource, executionAsyncId } from 'node:async_hooks';
import { execFileSync } from 'node:child_process';
import { bindAddsDeprecatedAccessor, useLightAsyncResourceBind } from './async-resource-bind';

describe('a lighter AsyncResource#bind', () => {
  // The prototype is shared by every test file of this worker: an app built before has replaced it.
  beforeAll(() => useLightAsyncResourceBind());

  it('runs the bound function in the async scope of the resource, as Node does', async () => {
    const storage = new AsyncLocalStorage<string>();
    const resource = storage.run('request-1', () => new AsyncResource('test'));
    const bound = resource.bind(function (this: unknown, a: number, b: number) {
      return { store: storage.getStore(), asyncId: executionAsyncId(), self: this, sum: a + b };
    });
    const seen = await storage.run('request-2', async () => bound.call('caller', 2, 3));
    expect(seen).toEqual({ store: 'request-1', asyncId: resource.asyncId(), self: 'caller', sum: 5 });
    expect(bound.length).toBe(2);
  });

  it('binds a given this, and the static AsyncResource.bind goes through it too', () => {
    const self = { name: 'given' };
    const named = function (this: { name: string }) {
      return this.name;
    };
    const bound = (new AsyncResource('test').bind as (fn: typeof named, thisArg: unknown) => typeof named)(named, self);
    expect(bound.call({ name: 'caller' })).toBe('given');
    const staticBound = AsyncResource.bind((x: number) => x * 2);
    expect(staticBound(21)).toBe(42);
    expect(Object.getOwnPropertyDescriptor(staticBound, 'asyncResource')).toBeUndefined();
  });

  it('leaves the deprecated accessor off, on the Node 20 the ledger runs on, whose own bind added it', () => {
    const nodeOwnBind = execFileSync(process.execPath, [
      '-e',
      "const { AsyncResource } = require('node:async_hooks'); const b = new AsyncResource('p').bind(() => 0); console.log(process.versions.node.split('.')[0], Object.getOwnPropertyDescriptor(b, 'asyncResource') !== undefined)",
    ]).toString();
    expect(nodeOwnBind.trim()).toBe('20 true');
    expect(bindAddsDeprecatedAccessor()).toBe(false);
  });

  it("refuses what is not a function with Node's own error", () => {
    expect(() => new AsyncResource('test').bind(42 as never)).toThrow(/"fn" argument must be of type function/);
  });
});
