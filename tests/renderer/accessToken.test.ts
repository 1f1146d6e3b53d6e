import { beforeEach, describe, expect, it } from 'vitest';
import { takeAccessToken } from '../../renderer/api/accessToken.js';

const TOKEN = 'Q2xhdWRlLXRva2VuLWZvci10ZXN0aW5nLTEyMw';

describe('the access token handed out by the web host', () => {
  beforeEach(() => {
    window.sessionStorage.clear();
    window.history.replaceState(null, '', '/');
  });

  it('is taken from the fragment and removed from the address bar', () => {
    window.history.replaceState(null, '', `/?lang=zh#token=${TOKEN}`);
    expect(takeAccessToken()).toBe(TOKEN);
    expect(window.location.hash).toBe('');
    expect(window.location.search).toBe('?lang=zh');
  });

  it('survives a reload of the same tab', () => {
    window.history.replaceState(null, '', `/#token=${TOKEN}`);
    takeAccessToken();
    expect(takeAccessToken()).toBe(TOKEN);
  });

  it('is absent when the page was opened without one, or with something that is not a token', () => {
    expect(takeAccessToken()).toBeNull();
    window.history.replaceState(null, '', '/#token=<script>');
    expect(takeAccessToken()).toBeNull();
  });
});
