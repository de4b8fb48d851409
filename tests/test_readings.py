"""The kanji dictionary index: the same readings as pykakasi's own dictionary."""

import json
import pickle
import subprocess
import sys
from pathlib import Path

import pytest
from japanese_text import readings

PLUGINS = Path(__file__).resolve().parent.parent / "plugins"
PHRASES = [
    "人脈作り",
    "勇気を出して北京で転職した",
    "副業とパラレルキャリア",
    "東海林さんの生き方改革",
    "髙橋",  # a variant form, read through pykakasi's variant table
    "𠮷野家",  # outside the Basic Multilingual Plane
]


@pytest.fixture(scope="module")
def dictionary():
    with readings.dictionary_path().open("rb") as file:
        return pickle.load(file)


@pytest.fixture(scope="module")
def index_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("index") / "kanwa.sqlite3"
    readings.build_index(readings.dictionary_path(), path)
    return path


def as_json(words):
    return json.loads(json.dumps(words, ensure_ascii=False))


def test_the_index_holds_every_entry_in_the_dictionarys_order(dictionary, index_path):
    index = readings.open_index(index_path)
    assert index is not None
    for code, words in dictionary.items():
        entry = index.get(code)
        assert entry == as_json(words), chr(code)
        assert list(entry) == list(words), chr(code)  # first longest match wins
    assert index.get(ord("a")) is None
    assert index.get(ord("a"), "none") == "none"


def test_an_index_of_another_dictionary_is_not_used(index_path, tmp_path):
    other = tmp_path / "kanwadict.db"
    other.write_bytes(pickle.dumps({ord("人"): {"人": [("ひと", None)]}}))
    assert readings.open_index(index_path, source=other) is None
    assert readings.open_index(tmp_path / "missing.sqlite3") is None
    (tmp_path / "broken.sqlite3").write_text("not a database", encoding="utf-8")
    assert readings.open_index(tmp_path / "broken.sqlite3") is None


def run_python(code):
    """What `code` prints, run in a fresh interpreter (pykakasi loads once)."""
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONPATH": str(PLUGINS)},
    )
    return done.stdout


def convert_in_a_fresh_process(index):
    """pykakasi's readings of PHRASES, with or without the index at `index`."""
    code = (
        "import json, sys, pykakasi\n"
        "from japanese_text import readings\n"
        "from pathlib import Path\n"
        f"used = readings.use_index(Path({str(index)!r})) if {bool(index)} else False\n"
        "k = pykakasi.kakasi()\n"
        f"out = [[i['hepburn'] for i in k.convert(p)] for p in {PHRASES!r}]\n"
        "print(json.dumps({'used': used, 'readings': out}))\n"
    )
    return json.loads(run_python(code))


def test_readings_from_the_index_are_pykakasis_own(index_path):
    own = convert_in_a_fresh_process(None)
    indexed = convert_in_a_fresh_process(Path(index_path))
    assert not own["used"]
    assert indexed["used"]
    assert indexed["readings"] == own["readings"]
    assert own["readings"][0] == ["jinmyaku", "tsukuri"]


def test_the_site_reads_romaji_through_the_environments_index():
    """`make` builds the index; the plugin's converter must be using it."""
    code = (
        "from japanese_text import japanese_text as jt\n"
        "from pykakasi.kanji import Kanwa\n"
        "from japanese_text.readings import KanwaIndex\n"
        "print(jt.romaji('人脈'))\n"
        "print(type(Kanwa._shared_state['_jisyo_table']).__name__)\n"
    )
    assert run_python(code).split("\n")[:2] == ["jinmyaku", "KanwaIndex"]


def test_an_index_written_in_another_format_is_not_used(index_path, monkeypatch):
    assert readings.open_index(index_path) is not None
    monkeypatch.setattr(readings, "INDEX_FORMAT", readings.INDEX_FORMAT + 1)
    assert readings.open_index(index_path) is None
