"""Screenshots of the built site, to look at the design with fresh eyes.

    python scripts/screenshots.py                 # what `make screenshots` runs
    python scripts/screenshots.py --content-only  # the real posts alone

The site is built from content/ plus the sample posts of tests/content/ (so
that a post has neighbours and related posts to show), served on 127.0.0.1,
and photographed in headless Chromium at 390 px (a phone) and 1280 px (a
desktop), in the light and the dark colour scheme: the home page, a post,
About, the consultation page, a tag page and the search page with results, in
each language. Each page is
taken whole (its full height). The PNGs go to screenshots/ (not committed),
named <page>-<lang>-<width>-<scheme>.png.
"""

import argparse
import base64
import shutil
import sys
import tempfile
import time
from pathlib import Path

from build_site import build_command
from chromium import chromium
from static_server import QuietHandler, serve

ROOT = Path(__file__).resolve().parent.parent
WIDTHS = (390, 1280)
SCHEMES = ("light", "dark")
# (name, Japanese address, English address)
PAGES = (
    ("home", "", "en/"),
    ("post", "posts/kakikata-mihon/", "en/posts/kakikata-mihon/"),
    ("post-tweet", "posts/jinmyaku-zukuri/", "en/posts/jinmyaku-zukuri/"),
    ("about", "about/", "en/about/"),
    ("consultation", "consultation/", "en/consultation/"),
    ("tag", "tag/kyaria/", "en/tag/career/"),
    # The search page with the results of a query (?q=): it searches at once.
    ("search", "search/?q=人脈　勇気", "en/search/?q=courage"),
)
# A page whose script shows something after loading: wait for it (seconds).
SEARCH_ANSWERED = """
const status = document.querySelector("[data-search-status]");
const root = document.querySelector("[data-search]");
const text = status && status.textContent;
return !status || Boolean(text && text !== root.dataset.searchLoading);
"""


def build(content_only, folder):
    """Build the site into `folder`/output; return that folder."""
    import subprocess

    content = folder / "content"
    shutil.copytree(ROOT / "content", content)
    if not content_only:
        shutil.copytree(ROOT / "tests" / "content", content, dirs_exist_ok=True)
    output = folder / "output"
    command = build_command(content, output, ROOT / "pelicanconf.py")
    subprocess.run(command, cwd=ROOT, check=True)
    return output


def photograph(driver, url, width, scheme, target):
    """A full-height PNG of `url` at `width` CSS pixels in `scheme`."""
    driver.execute_cdp_cmd(
        "Emulation.setEmulatedMedia",
        {"features": [{"name": "prefers-color-scheme", "value": scheme}]},
    )
    metrics = {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": False}
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)
    driver.get(url)
    for _ in range(50):
        if driver.execute_script(SEARCH_ANSWERED):
            break
        time.sleep(0.1)
    # The page's height at this width; the window then takes it whole, and the
    # height is read again (a taller window can change the layout).
    for _ in range(3):
        height = driver.execute_script("return document.body.scrollHeight")
        if height == metrics["height"]:
            break
        metrics = {**metrics, "height": height}
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)
    shot = driver.execute_cdp_cmd(
        "Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True}
    )
    target.write_bytes(base64.b64decode(shot["data"]))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "screenshots")
    parser.add_argument(
        "--content-only", action="store_true", help="leave out tests/content/"
    )
    parser.add_argument(
        "--pages",
        nargs="*",
        choices=[name for name, *_ in PAGES],
        help="only these pages (default: all)",
    )
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as temporary:
        output = build(args.content_only, Path(temporary))
        args.out.mkdir(parents=True, exist_ok=True)
        driver = chromium(languages=None, extra_flags=("--hide-scrollbars",))
        taken = 0
        try:
            with serve(output, QuietHandler) as url:
                for name, *addresses in PAGES:
                    if args.pages and name not in args.pages:
                        continue
                    for lang, address in zip(("ja", "en"), addresses, strict=True):
                        page = address.split("?")[0]
                        if not (output / page / "index.html").is_file():
                            print(f"skipped {name} ({lang}): /{address} was not built")
                            continue
                        for width in WIDTHS:
                            for scheme in SCHEMES:
                                target = (
                                    args.out / f"{name}-{lang}-{width}-{scheme}.png"
                                )
                                photograph(
                                    driver, f"{url}/{address}", width, scheme, target
                                )
                                taken += 1
        finally:
            driver.quit()
    print(f"{taken} screenshots in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
