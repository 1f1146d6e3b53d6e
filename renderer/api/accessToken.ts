const STORAGE_KEY = 'courtdesk.accessToken';
const TOKEN_IN_HASH = /(?:^#|&)token=([A-Za-z0-9_-]{16,128})(?:&|$)/;

/**
 * The web host hands out http://host/#token=…; the fragment never reaches a server or a
 * Referer. The token is taken out of the address bar at once (so it is not bookmarked or
 * shoulder-surfed) and kept in this tab's sessionStorage so a reload still connects.
 */
export function takeAccessToken(win: Pick<Window, 'location' | 'history' | 'sessionStorage'> = window): string | null {
  const match = TOKEN_IN_HASH.exec(win.location.hash);
  if (match) {
    try {
      win.sessionStorage.setItem(STORAGE_KEY, match[1]);
    } catch {
      // Storage may be disabled; the token still works until the tab is reloaded.
    }
    win.history.replaceState(win.history.state, '', win.location.pathname + win.location.search);
    return match[1];
  }
  try {
    return win.sessionStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}
