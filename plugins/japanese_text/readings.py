"""pykakasi's kanji dictionary, read one first character at a time.

pykakasi unpickles its whole kanji dictionary (9.7 MB, about 300,000
readings) the first time it meets a kanji: half a second and 120 MiB of
memory, for the few tag and category names a build reads. The project's
setup (`make`) copies that dictionary once into an SQLite index inside the
virtual environment:

    python plugins/japanese_text/readings.py

and a build then reads only the entries of the characters it meets. The
readings, and so every slug, are the same either way. Without the index (or
with one made from another version of the dictionary), pykakasi loads its
own dictionary as usual.
"""

import importlib.metadata
import json
import os
import pickle
import sqlite3
import sys
import threading
from contextlib import closing
from pathlib import Path

from pykakasi.kanji import Kanwa
from pykakasi.properties import Configurations

__all__ = ["INDEX_PATH", "KanwaIndex", "build_index", "open_index", "use_index"]

INDEX_PATH = Path(sys.prefix) / "share" / "japanese_text" / "kanwa.sqlite3"


def dictionary_path():
    return Path(Configurations.dictpath(Configurations.jisyo_kanwa))


# Changes whenever the index is written differently, so that `make` rebuilds it.
INDEX_FORMAT = 1


def dictionary_stamp(path):
    """What identifies the dictionary an index was made from, and how."""
    version = importlib.metadata.version("pykakasi")
    return f"index {INDEX_FORMAT}, pykakasi {version}, {path.stat().st_size}"


def build_index(source, target):
    """Write the pickled dictionary `source` as an SQLite index at `target`.

    One row per first character: its words and their readings as JSON, in the
    dictionary's own order (pykakasi takes the first longest match).
    """
    with source.open("rb") as file:
        table = pickle.load(file)  # pykakasi's own file, as pykakasi loads it
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    with closing(sqlite3.connect(partial)) as db, db:
        db.execute("CREATE TABLE stamp (value TEXT NOT NULL)")
        db.execute("INSERT INTO stamp VALUES (?)", (dictionary_stamp(source),))
        db.execute("CREATE TABLE kanwa (code INTEGER PRIMARY KEY, words TEXT)")
        rows = [
            (code, json.dumps(words, ensure_ascii=False))
            for code, words in table.items()
        ]
        db.executemany("INSERT INTO kanwa VALUES (?, ?)", rows)
    os.replace(partial, target)


class KanwaIndex:
    """The dictionary's `get(code)`, answered from the index and remembered."""

    def __init__(self, connection):
        self.connection = connection
        self.lock = threading.Lock()
        self.rows = {}

    def get(self, code, default=None):
        if code not in self.rows:
            with self.lock:
                row = self.connection.execute(
                    "SELECT words FROM kanwa WHERE code = ?", (code,)
                ).fetchone()
            self.rows[code] = None if row is None else json.loads(row[0])
        words = self.rows[code]
        return default if words is None else words


def open_index(path=INDEX_PATH, source=None):
    """The index at `path`, or None when there is none for this dictionary."""
    source = source or dictionary_path()
    if not path.is_file():
        return None
    try:
        connection = sqlite3.connect(
            f"{path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False
        )
        (stamp,) = connection.execute("SELECT value FROM stamp").fetchone()
    except sqlite3.Error:
        return None
    if stamp != dictionary_stamp(source):
        connection.close()
        return None
    return KanwaIndex(connection)


def use_index(path=INDEX_PATH):
    """Have pykakasi read its kanji dictionary from the index, when there is one.

    Call before the first `pykakasi.kakasi()`: pykakasi keeps one dictionary
    for all its converters, loaded by the first one made.
    """
    state = getattr(Kanwa, "_shared_state", {})
    if "_jisyo_table" not in state:
        return False  # another pykakasi: it loads its own dictionary
    if state["_jisyo_table"] is None:
        index = open_index(path)
        if index is not None:
            state["_jisyo_table"] = index
    return isinstance(state["_jisyo_table"], KanwaIndex)


def main(argv=None):
    target = Path(argv[0]).resolve() if argv else INDEX_PATH
    source = dictionary_path()
    if open_index(target, source) is None:
        build_index(source, target)
        print(f"Indexed pykakasi's kanji dictionary in {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
