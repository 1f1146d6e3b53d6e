/** The web host globalSetup started (tests/e2e/web/globalSetup.ts), or the reason it could not. */
export function fixture(): { url: string; password: string } {
  const setupError = process.env.COURTDESK_E2E_SETUP_ERROR;
  if (setupError) throw new Error(setupError);
  const url = process.env.COURTDESK_E2E_URL;
  const password = process.env.COURTDESK_E2E_ADMIN_PASSWORD;
  if (!url || !password) throw new Error('globalSetup did not start the web host (see tests/e2e/web/globalSetup.ts)');
  return { url, password };
}
