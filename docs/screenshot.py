"""The README's picture of the viewer: the seed's page in headless Chromium at 1400 x 900, after
a search for "Anthropic" (its details in the panel). Writes docs/viewer.png.

    python docs/screenshot.py [--graph graphs/amazon-anthropic-8b.json] [--search Anthropic] [--out docs/viewer.png]

Needs Debian's chromium and chromium-driver (as the viewer's tests do) and selenium. The PNG is
stored with an adaptive palette of 256 colours: the same picture to the eye, a fraction of the bytes.
"""

from __future__ import annotations

import argparse
import io
import shutil
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
WIDTH, HEIGHT = 1400, 900


def browser():  # selenium's WebDriver
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or shutil.which("chromium-browser")
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars"):
        options.add_argument(flag)
    options.add_argument(f"--window-size={WIDTH},{HEIGHT}")
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)
    metrics = {"width": WIDTH, "height": HEIGHT, "deviceScaleFactor": 1, "mobile": False}
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)  # the page, not the window, 1400 x 900
    return driver


def screenshot(graph: Path, search: str, out: Path) -> int:
    from PIL import Image
    from selenium.webdriver.common.keys import Keys
    from typer.testing import CliRunner

    from extractor.cli import app

    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "page.html"
        result = CliRunner().invoke(app, ["view", str(graph), "--out", str(page)])
        if result.exit_code:
            raise SystemExit(result.output)
        driver = browser()
        try:
            driver.get(page.as_uri())
            if search:
                driver.find_element("id", "search").send_keys(search, Keys.ENTER)
                driver.execute_script("document.activeElement.blur()")  # no caret in the picture
            png = driver.get_screenshot_as_png()
        finally:
            driver.quit()
    picture = Image.open(io.BytesIO(png)).convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT)
    out.parent.mkdir(parents=True, exist_ok=True)
    picture.save(out, optimize=True)
    return out.stat().st_size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--graph", type=Path, default=REPO / "graphs" / "amazon-anthropic-8b.json")
    parser.add_argument("--search", default="Anthropic", help="what to type in the search box ('' for none)")
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "viewer.png")
    args = parser.parse_args()
    size = screenshot(args.graph, args.search, args.out)
    print(f"{args.out}: {size / 1000:.0f} kB")


if __name__ == "__main__":
    main()
