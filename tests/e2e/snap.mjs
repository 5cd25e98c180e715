// Screenshots are the browser tests' artifacts, not their assertions: under load Chromium now and
// then refuses one ("Unable to capture screenshot"), so a shot is tried three times and then only
// reported, never failing the step it illustrates.
export async function snap(page, file, fullPage) {
  for (let attempt = 1; attempt <= 3; ++attempt) {
    try {
      await page.screenshot({ path: file, fullPage });
      return;
    } catch (e) {
      if (attempt === 3) console.warn(`warning: no screenshot ${file}: ${e.message.split('\n')[0]}`);
      else await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
    }
  }
}
