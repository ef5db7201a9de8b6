import { existsSync } from 'node:fs'
import { type Browser, chromium } from 'playwright-core'

/** Chromium from the system (Debian's package, or CHROMIUM_PATH), else Playwright's own download. */
const SYSTEM_CHROMIUM = [
  process.env.CHROMIUM_PATH,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
]

// As root in a container Chromium needs --no-sandbox; the rest keep it off a closed network.
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

export async function launchChromium(): Promise<Browser> {
  const executablePath = SYSTEM_CHROMIUM.find((path) => path && existsSync(path))
  try {
    return await chromium.launch({
      headless: true,
      args: ARGS,
      ...(executablePath && { executablePath }),
    })
  } catch (error) {
    throw new Error(
      `No Chromium to run the browser tests. Install one: "apt-get install chromium" (Debian/Ubuntu), ` +
        `"npx playwright install chromium" (any OS), or set CHROMIUM_PATH.\n${String(error)}`,
    )
  }
}
