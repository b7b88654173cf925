import Module from 'node:module';

/**
 * Puts `exports` into Node's module registry as the module at `target` (a resolved file name), so that
 * kafkajs gets it when it first requires that file. Returns whether the registry kept it: jest keeps its own module
 * registry and ignores writes to require.cache.
 */
export function fillModuleSlot(target: string, exports: unknown): boolean {
  const replacement = new Module(target);
  replacement.filename = target;
  replacement.loaded = true;
  replacement.exports = exports;
  require.cache[target] = replacement;
  return require.cache[target]?.exports === exports;
}
