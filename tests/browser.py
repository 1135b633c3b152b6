"""Drive Debian's headless Chromium through Selenium and the system chromedriver (nothing is downloaded)."""
from __future__ import annotations

import shutil
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
FLAGS = (
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--window-size=1400,1000",
)


def unavailable() -> str | None:
    """Why the browser cannot run here, or None when it can."""
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install selenium)"
    missing = [p for p in (CHROMIUM, CHROMEDRIVER) if not shutil.which(p)]
    return f"not installed: {', '.join(missing)} (apt-get install chromium chromium-driver)" if missing else None


def launch(profile: Path):
    """A headless Chromium with a fresh profile that keeps every console message."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (*FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(15)
    return driver


def severe_logs(driver) -> list[str]:
    """Console errors (and failed loads) since the last call."""
    return [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]


def visible_rows(driver, table_id: str):
    """The rows of a table's body that are laid out (not hidden), found in a single round-trip."""
    return driver.execute_script(
        "return [...document.querySelectorAll(`#${arguments[0]} tbody tr`)].filter(tr => tr.getClientRects().length)",
        table_id)


def type_into(driver, css: str, text: str) -> None:
    """Replace the text of an input as a user would."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    box = driver.find_element(By.CSS_SELECTOR, css)
    box.send_keys(Keys.CONTROL, "a")
    box.send_keys(Keys.DELETE)
    box.send_keys(text)


def click_header(driver, table_id: str, key: str) -> None:
    """Click the sort button of a column."""
    from selenium.webdriver.common.by import By

    driver.find_element(By.CSS_SELECTOR, f'#{table_id} th[data-key="{key}"] button').click()


def cell_texts(driver, rows, column: int) -> list[str]:
    """The text of one column (0-based) in the given rows, read in a single round-trip."""
    return driver.execute_script("return arguments[0].map(tr => tr.cells[arguments[1]].textContent)", rows, column)


def screenshot_page(driver, path: Path, height: int = 2400) -> Path:
    """A screenshot of the page's top `height` pixels."""
    width = driver.execute_script("return window.outerWidth")
    driver.set_window_size(width, height)
    driver.save_screenshot(str(path))
    return path


def set_width(driver, width: int, height: int = 1000) -> None:
    """Make the viewport `width` CSS pixels wide (headless: the window is the viewport)."""
    driver.set_window_size(width, height)


def too_wide(driver) -> dict:
    """What sticks out of the viewport: the page's scrollWidth beside innerWidth and the viewport without its
    scroll bar (clientWidth), and every element whose right edge lies beyond that, as 'tag.class right'."""
    return driver.execute_script("""
        const w = document.documentElement.clientWidth;
        const wide = [...document.querySelectorAll('body *')]
          .filter(e => e.getBoundingClientRect().right > w + 0.5)
          .map(e => `${e.tagName.toLowerCase()}.${e.getAttribute('class') || ''} ${e.getBoundingClientRect().right}`);
        return {scrollWidth: document.documentElement.scrollWidth, innerWidth: innerWidth, clientWidth: w, wide: wide};
    """)


def broken_words(driver) -> list[str]:
    """Words (runs of letters and digits) of the rendered page that are split over two lines."""
    return driver.execute_script(r"""
        const out = [];
        const skip = n => n.parentElement.closest('script, style, title')
          ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT, {acceptNode: skip});
        const range = document.createRange();
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          if (!n.parentElement.getClientRects().length) continue;
          for (const m of n.data.matchAll(/[\p{L}\p{N}]+/gu)) {
            range.setStart(n, m.index);
            range.setEnd(n, m.index + m[0].length);
            const tops = new Set([...range.getClientRects()].filter(r => r.width).map(r => Math.round(r.top)));
            if (tops.size > 1) out.push(m[0]);
          }
        }
        return out;
    """)
