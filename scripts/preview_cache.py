"""The preview's caches, in `cache/preview/` (`make clean` removes them).

- Pelican's content cache: a changed file is read again, the others are not.
  What Pelican keeps of each file (its HTML and metadata) was made with the
  settings, the plugins' code (their Markdown extensions) and Pelican's and
  Markdown's own, none of which Pelican's cache checks: the preview records a
  digest of them with the cache (`reading_key`), and a build made under
  another digest reads every file again (Pelican's LOAD_CONTENT_CACHE off)
  and saves a new cache; the digest is forgotten when such a build starts and
  recorded once one succeeds, so a cache saved by a build that failed or was
  stopped is never read.
- Jinja's cache of compiled templates (`template_settings`).
"""

import hashlib
import importlib.metadata
import json
from pathlib import Path

import jinja2

# Packages whose versions shape what Pelican reads from a Markdown file.
READING_PACKAGES = ("pelican", "markdown")
# Where the digest of what the content cache was made with is kept.
READING_KEY_FILE = "reading.key"

# Pelican's content cache, kept between builds.
# Not gzipped: every build saves it, the quick pass included, and compressing
# it took 0.07 s of the 0.08 s that saving costs on a 600-post site.
CACHE_SETTINGS = {
    "CACHE_CONTENT": True,
    "LOAD_CONTENT_CACHE": True,
    "CHECK_MODIFIED_METHOD": "mtime",
    "GZIP_CACHE": False,
}


def cache_settings(project):
    return {**CACHE_SETTINGS, "CACHE_PATH": str(preview_cache(project))}


def preview_cache(project):
    return Path(project) / "cache" / "preview"


def template_settings(settings, settings_file, project):
    """JINJA_ENVIRONMENT with Jinja's own cache of compiled templates
    (`settings`: the settings file `settings_file` as Pelican reads it).

    Compiling the theme is most of what a small site's build costs. Jinja keys
    each compiled template by its name and its source, so an edited template
    is compiled again; what else shapes the compiled code (the environment's
    options and filters) comes from the settings file, whose digest names the
    cache's folder, and from Python code, which this builder never reloads:
    a new builder starts with an empty cache (see main()).
    """
    digest = hashlib.sha256(Path(settings_file).read_bytes()).hexdigest()[:16]
    folder = preview_cache(project) / "templates" / digest
    folder.mkdir(parents=True, exist_ok=True)
    cache = jinja2.FileSystemBytecodeCache(str(folder))
    jinja = {**settings["JINJA_ENVIRONMENT"], "bytecode_cache": cache}
    return {"JINJA_ENVIRONMENT": jinja}


def code_digest(plugin_paths):
    """A digest of the code that makes a post's HTML besides the settings: the
    plugins' (every .py under `plugin_paths`) and Pelican's and Markdown's
    versions. A builder never reloads the plugins (a change to them starts a
    new one), so it works this out once."""
    digest = hashlib.sha256()
    for folder in plugin_paths:
        for path in sorted(Path(folder).rglob("*.py")):
            digest.update(path.as_posix().encode())
            digest.update(path.read_bytes())
    for name in READING_PACKAGES:
        digest.update(importlib.metadata.version(name).encode())
    return digest.hexdigest()


def reading_key(settings_file, overrides, code):
    """A digest of all that Pelican's content cache was made with besides the
    files themselves: the settings file, the preview's overrides and the code
    (`code_digest`)."""
    digest = hashlib.sha256()
    digest.update(Path(settings_file).read_bytes())
    digest.update(json.dumps(overrides, sort_keys=True, default=repr).encode())
    digest.update(code.encode())
    return digest.hexdigest()


def reads_cache(project, key):
    """Whether a build may read the content cache: it was made under `key`."""
    recorded = preview_cache(project) / READING_KEY_FILE
    return recorded.is_file() and recorded.read_text(encoding="utf-8") == key


def record_reading_key(project, key):
    """Say the content cache was made under `key` (after a build that succeeded:
    one that failed or was stopped may have saved it, or not)."""
    folder = preview_cache(project)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / READING_KEY_FILE).write_text(key, encoding="utf-8")


def forget_reading_key(project):
    """Say nothing of what the content cache was made with: a build under other
    settings or code is about to save it, and may fail or be stopped."""
    (preview_cache(project) / READING_KEY_FILE).unlink(missing_ok=True)
