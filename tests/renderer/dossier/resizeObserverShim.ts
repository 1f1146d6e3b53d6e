// jsdom has no ResizeObserver, which Ant Design's Tree and Table start on mount; layout is not
// what these tests check, so an observer that never reports is enough.
if (!('ResizeObserver' in globalThis)) {
  globalThis.ResizeObserver = class {
    observe(): void {}
    unobserve(): void {}
    disconnect(): void {}
  };
}
