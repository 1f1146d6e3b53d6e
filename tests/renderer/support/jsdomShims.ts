// jsdom lacks matchMedia, which Ant Design's responsive helpers call on mount.
if (!window.matchMedia) {
  window.matchMedia = (query: string) =>
    ({
      matches: false,
      media: query,
      onchange: null,
      addListener: () => undefined,
      removeListener: () => undefined,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
      dispatchEvent: () => false,
    }) as MediaQueryList;
}

// jsdom does not implement pseudo-element styles and logs for each call Ant Design's
// scrollbar measurement makes; the element's own style is what those callers need.
const ownStyle = window.getComputedStyle.bind(window);
window.getComputedStyle = (element: Element) => ownStyle(element);
