/**
 * A module next to the caller, with the caller's own extension: .ts when running from the sources
 * (tsx, vitest), .js from a plain ESM build, .cjs inside the Electron bundles that
 * scripts/build-electron.mjs writes side by side into dist/electron/.
 */
export function siblingModule(name: string, callerUrl: string): URL {
  const ext = /\.(ts|cjs|mjs|js)$/.exec(new URL(callerUrl).pathname)?.[1] ?? 'js';
  return new URL(`./${name}.${ext}`, callerUrl);
}
