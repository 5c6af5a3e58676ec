"""Spanish spell checking, offline: the Colombian Spanish Hunspell dictionary shipped in
``resources/dictionaries`` (read by spylls, pure Python), a word list of Colombian public
administration (plus the catalog's policy, dimension and plan names), and the person's own
words, kept in a file in their configuration folder.

Nothing is read at start-up: the dictionary loads on first use (the window does it on a
worker thread) and every answer is cached per word, so a long acta is checked once per
distinct word. Numbers, acronyms in capitals, e-mail addresses and web addresses are not
checked.
"""

from __future__ import annotations

import difflib
import os
import re
import sys
import threading
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any

from mipg_desktop.resources import resource_path

DICTIONARY = ("dictionaries", "es_CO")  # es_CO.aff + es_CO.dic
ADMIN_WORDS = ("dictionaries", "administracion_publica.txt")
CATALOG_FILE = ("catalog", "mipg_catalog.json")  # as mipg_desktop.catalog.CATALOG_FILE
USER_WORDS_FILE = "palabras.txt"
MAX_WORD = 60

# A run of non-space characters, then the letter runs inside it.
_CHUNK = re.compile(r"\S+")
_RUN = re.compile(r"\w+")
_LETTERS = re.compile(r"[^\W\d_]+")
_URL = re.compile(r"^[(\[«\"']*(?:[a-z][a-z0-9+.-]*://|www\.)", re.IGNORECASE)


@dataclass(frozen=True)
class Word:
    start: int
    length: int
    text: str


def words_to_check(text: str) -> Iterator[Word]:
    """The words of ``text`` worth checking, with their place in it: not numbers, nor words
    joined to digits (``D1``, ``2do``), acronyms in capitals, e-mails or web addresses."""
    for chunk in _CHUNK.finditer(text):
        piece = chunk.group()
        if "@" in piece or _URL.match(piece) or "://" in piece:
            continue
        for run in _RUN.finditer(piece):
            word = run.group()
            if not _LETTERS.fullmatch(word) or len(word) < 2 or len(word) > MAX_WORD:
                continue
            if word.isupper():
                continue
            yield Word(chunk.start() + run.start(), len(word), word)


def fold(word: str) -> str:
    """Lower case without accents: what two spellings of one word have in common."""
    decomposed = unicodedata.normalize("NFD", word.casefold())
    return "".join(c for c in decomposed if unicodedata.category(c) != "Mn")


def user_words_path() -> Path:
    """The person's own words, beside their profile (``MIPG_CONFIG_DIR`` in tests)."""
    from mipg_desktop.user_profile import profile_path

    return profile_path().parent / USER_WORDS_FILE


def admin_words() -> set[str]:
    """The shipped list of public-administration words, and every word of the catalog's
    dimension, policy and plan names, aliases and acronyms."""
    import json

    # the catalog's seed file itself (mipg_desktop.catalog would bring SQLAlchemy along)
    catalog = json.loads(resource_path(*CATALOG_FILE).read_text(encoding="utf-8"))
    words = set(_read_list(resource_path(*ADMIN_WORDS)))
    for name in _catalog_names(catalog):
        words.update(w.text for w in _all_words(name))
    return words


def _catalog_names(data: dict[str, Any]) -> Iterator[str]:
    for dimension in data.get("dimensions", []):
        yield dimension["name"]
        yield from dimension.get("aliases", [])
        for policy in dimension.get("policies", []):
            yield policy["name"]
            yield from policy.get("aliases", [])
    for plan in data.get("plan_types", []):
        yield plan["name"]
        yield plan.get("short_name", "")
        yield from plan.get("aliases", [])


def _all_words(text: str) -> Iterator[Word]:
    for match in _LETTERS.finditer(text):
        yield Word(match.start(), len(match.group()), match.group())


def _read_list(path: Path) -> list[str]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return []
    return [s for line in lines if (s := line.strip()) and not s.startswith("#")]


class SpellChecker:
    """One dictionary, its per-word cache, and the extra words. Thread-safe: the window
    loads and checks on a worker thread and reads the cache on its own."""

    def __init__(self, dictionary: Path | None = None, user_file: Path | None = None) -> None:
        self._dictionary_path = dictionary or resource_path(*DICTIONARY)
        self._user_file = user_file
        self._lock = threading.RLock()  # the dictionary (spylls is not meant for threads)
        self._words_lock = threading.Lock()  # the person's file
        self._dictionary: Any = None
        self._extra: set[str] = set()  # folded to lower case
        self._user: set[str] = set()
        self._ignored: set[str] = set()
        self._cache: dict[str, bool] = {}
        self._suggestions: dict[str, list[str]] = {}

    @property
    def user_file(self) -> Path:
        return self._user_file or user_words_path()

    @property
    def loaded(self) -> bool:
        return self._dictionary is not None

    def load(self) -> None:
        """Read the dictionary and the word lists (about a second; once)."""
        if self._dictionary is not None:
            return
        with self._lock:
            if self._dictionary is not None:
                return
            dictionary = _read_dictionary(self._dictionary_path)
            self._extra = {w.lower() for w in admin_words()}
            self._user = set(_read_list(self.user_file))
            self._dictionary = dictionary

    # -- checking ------------------------------------------------------------------------
    def cached(self, word: str) -> bool | None:
        """The answer already known for ``word``, or None (never loads, never blocks)."""
        if word in self._ignored:
            return True
        return self._cache.get(word)

    def check(self, word: str) -> bool:
        """Whether ``word`` is spelt right (loads the dictionary the first time)."""
        known = self.cached(word)
        if known is not None:
            return known
        self.load()
        with self._lock:
            correct = self._known_extra(word) or bool(self._dictionary.lookup(word))
        self._cache[word] = correct
        return correct

    def check_many(self, words: Iterable[str]) -> dict[str, bool]:
        return {word: self.check(word) for word in words}

    def misspelt(self, text: str) -> list[Word]:
        return [w for w in words_to_check(text) if not self.check(w.text)]

    def _known_extra(self, word: str) -> bool:
        lower = word.lower()
        return lower in self._extra or word in self._user or lower in self._user

    # -- suggestions ---------------------------------------------------------------------
    def suggest(self, word: str, limit: int = 6) -> list[str]:
        """Spellings close to ``word``: extra words first (same letters but the accents),
        then the dictionary's. A few tenths of a second for a long word: the window asks on
        its worker thread."""
        if word in self._suggestions:
            return self._suggestions[word][:limit]
        self.load()
        found = self._extra_suggestions(word)
        with self._lock:
            for candidate in islice(self._dictionary.suggest(word), limit):
                if candidate not in found:
                    found.append(candidate)
        self._suggestions[word] = found
        return found[:limit]

    def cached_suggestions(self, word: str) -> list[str] | None:
        return self._suggestions.get(word)

    def _extra_suggestions(self, word: str) -> list[str]:
        pool = sorted(self._extra | {w.lower() for w in self._user})
        target = fold(word)
        same = [w for w in pool if fold(w) == target]
        close = difflib.get_close_matches(word.lower(), pool, n=3, cutoff=0.85)
        out: list[str] = []
        for candidate in same + close:
            shaped = candidate.capitalize() if word[:1].isupper() else candidate
            if shaped not in out and shaped != word:
                out.append(shaped)
        return out

    # -- the person's words --------------------------------------------------------------
    @property
    def user_words(self) -> list[str]:
        self.load()
        return sorted(self._user)

    def add_word(self, word: str) -> None:
        """«Agregar al diccionario»: kept for good in the person's file."""
        word = word.strip()
        if not word or len(word) > MAX_WORD:
            return
        self.load()
        with self._words_lock:
            self._user = {*self._user, word}
            self._write_user_words()
        self._accept(word)

    def ignore(self, word: str) -> None:
        """«Ignorar»: accepted until the program closes."""
        self._ignored.add(word)

    def _accept(self, word: str) -> None:
        lower = word.lower()
        for key in [k for k in self._cache if k.lower() == lower]:
            self._cache[key] = True
        self._cache[word] = True

    def _write_user_words(self) -> None:
        path = self.user_file
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as stream:
            stream.write("".join(f"{w}\n" for w in sorted(self._user)))
        os.replace(temp, path)


def _read_dictionary(path: Path) -> Any:
    """The Hunspell dictionary as spylls objects: about a million long-lived objects. A full
    collection of Python's garbage collector walks them all while holding the interpreter
    lock (about 100 ms here, a freeze of the window whichever thread runs it), so none runs
    while they are made, and afterwards they are moved out of the collector's reach
    (``gc.freeze``: nothing alive now is ever walked again)."""
    import gc

    from spylls.hunspell import Dictionary

    enabled, interval = gc.isenabled(), sys.getswitchinterval()
    gc.disable()
    sys.setswitchinterval(min(interval, 0.001))  # the window's thread waits less for its turn
    try:
        dictionary = Dictionary.from_files(str(path))
    finally:
        sys.setswitchinterval(interval)
        if enabled:
            gc.enable()
    gc.freeze()
    return dictionary


_shared: SpellChecker | None = None
_shared_lock = threading.Lock()


def shared_checker() -> SpellChecker:
    """The program's one checker (one dictionary in memory for every editor)."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = SpellChecker()
        return _shared


def reset_shared_checker() -> None:
    """Forget the shared checker (tests that change ``MIPG_CONFIG_DIR``)."""
    global _shared
    with _shared_lock:
        _shared = None
