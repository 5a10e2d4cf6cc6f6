/**
 * For the benchmarks measured in the page: a browser-mode session on a new Greater Manchester plan,
 * opened on one view once the Data view has its ten authorities.
 */
import { openBrowserSession, type BrowserSession } from '../e2e/session.js';

export async function openOnView(
  dataDir: string,
  executablePath: string,
  view: 'Projection' | 'Scenarios',
): Promise<BrowserSession> {
  const session = await openBrowserSession({ dataDir, executablePath });
  const { page } = session;
  await page.goto(session.app.url);
  await page.getByTestId('authority-row').nth(9).waitFor();
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: view, exact: true }).click();
  return session;
}
