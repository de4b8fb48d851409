"""Settings for the production build (`make publish`), on top of pelicanconf.py.

The site's address comes from the environment, so the same files build for any
host: `make publish SITEURL=https://blog.example.com` (CI passes the address
GitHub Pages reports). Without SITEURL the build uses DEFAULT_SITEURL below:
set it to the site's real address once the site has one.

A custom domain (`CUSTOM_DOMAIN=blog.example.com`) writes a CNAME file for
hosts that read one, and is the default address when SITEURL is not given.
"""

import os
import sys
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pelicanconf import *  # noqa: F403

# The address a production build uses when the environment names none.
DEFAULT_SITEURL = "https://life-integration-coaching-lab.example"

custom_domain = os.environ.get("CUSTOM_DOMAIN", "").strip()
if not os.environ.get("SITEURL", "").strip() and not custom_domain:
    print(
        f"publishconf.py: SITEURL is not set, so the site is built for the "
        f"placeholder address {DEFAULT_SITEURL}: give the real one, as in "
        f"make publish SITEURL=https://blog.example.com",
        file=sys.stderr,
    )
SITEURL = (
    os.environ.get("SITEURL", "").strip()
    or (f"https://{custom_domain}" if custom_domain else DEFAULT_SITEURL)
).rstrip("/")
if urlsplit(SITEURL).scheme != "https" or not urlsplit(SITEURL).hostname:
    raise SystemExit(
        f"publishconf.py: SITEURL must be an absolute https:// address such as "
        f"https://blog.example.com, not {SITEURL!r}"
    )
RELATIVE_URLS = False

# One Atom feed per language (feeds/all.atom.xml, en/feeds/all.atom.xml) is
# written by the bilingual plugin; Pelican's FEED_ALL_ATOM would mix the
# languages, so it stays off. Category feeds list the Japanese posts.
CATEGORY_FEED_ATOM = "feeds/category/{slug}.atom.xml"
FEED_ALL_ATOM = None
TRANSLATION_FEED_ATOM = None

# Drafts are previewed locally but never published.
DRAFT_SAVE_AS = ""
DRAFT_LANG_SAVE_AS = ""
DRAFT_PAGE_SAVE_AS = ""
DRAFT_PAGE_LANG_SAVE_AS = ""

DELETE_OUTPUT_DIRECTORY = True

PUBLISHING = {**PUBLISHING, "custom_domain": custom_domain}  # noqa: F405
