"""Debian's Chromium, headless, as the tests, the screenshots and Lighthouse
start it: one list of the flags it needs on a machine without a network."""

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)


def chromium(languages="ja", window_size="1280,900", javascript=True, extra_flags=()):
    """A real headless Chromium driven through chromedriver (selenium).

    `languages` are the reader's preferred languages ("en,ja"); None leaves
    Chromium's own. `extra_flags` are added to FLAGS.
    """
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (*FLAGS, *extra_flags):
        options.add_argument(flag)
    options.add_argument(f"--window-size={window_size}")
    prefs = {}
    if languages is not None:
        options.add_argument(f"--lang={languages.split(',')[0]}")
        prefs["intl.accept_languages"] = languages
    if not javascript:
        prefs["profile.managed_default_content_settings.javascript"] = 2
    if prefs:
        options.add_experimental_option("prefs", prefs)
    return webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
