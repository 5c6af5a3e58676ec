"""Spanish spell checking in the core: the shipped dictionary, the public-administration
words, the person's own words, and what is never checked."""

from __future__ import annotations

import gc
import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from mipg_desktop.resources import resource_path
from mipg_desktop.spelling import (
    SpellChecker,
    admin_words,
    fold,
    user_words_path,
    words_to_check,
)

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def checker(tmp_path_factory: pytest.TempPathFactory) -> SpellChecker:
    checker = SpellChecker(user_file=tmp_path_factory.mktemp("config") / "palabras.txt")
    checker.load()
    return checker


def test_a_misspelling_is_flagged_and_the_right_spelling_suggested(checker: SpellChecker) -> None:
    assert not checker.check("sesion")
    assert "sesión" in checker.suggest("sesion")
    found = checker.misspelt("La sesion del comité empezó a tiempo.")
    assert [w.text for w in found] == ["sesion"]
    assert found[0].start == 3


def test_correct_spanish_is_accepted(checker: SpellChecker) -> None:
    text = (
        "El Comité Institucional de Gestión y Desempeño aprobó por unanimidad el acta de la "
        "sesión anterior. La Secretaría Técnica presentó el avance de los compromisos."
    )
    assert checker.misspelt(text) == []


def test_public_administration_words_are_accepted(checker: SpellChecker) -> None:
    for word in ("quórum", "presupuestal", "Presupuestales", "interventoría", "Interventorías"):
        assert checker.check(word), word
    for acronym in ("SECOP", "SIGEP", "FURAG", "MIPG", "MECI", "CICCI", "PTEP", "PAAC"):
        assert checker.check(acronym), acronym


def test_every_word_of_the_catalog_is_accepted(checker: SpellChecker) -> None:
    data = json.loads(resource_path("catalog", "mipg_catalog.json").read_text(encoding="utf-8"))
    names = [p["name"] for d in data["dimensions"] for p in d["policies"]]
    names += [p["name"] for p in data["plan_types"]] + [p["short_name"] for p in data["plan_types"]]
    assert len(names) > 30
    for name in names:
        assert checker.misspelt(name) == [], name
    assert {"PINAR", "PETI", "Previsión"} <= admin_words()  # read from the catalog file


def test_an_accent_missing_from_an_administration_word_is_suggested_first(
    checker: SpellChecker,
) -> None:
    assert not checker.check("interventoria")
    assert checker.suggest("interventoria")[0] == "interventoría"
    assert checker.suggest("Interventoria")[0] == "Interventoría"


def test_numbers_acronyms_addresses_are_not_checked() -> None:
    text = (
        "Acta 12 de 2026, D1 y 2do punto: ver https://www.secop.gov.co/pagina y www.funcionpublica"
        ".gov.co, escribir a planeacion@entidad.gov.co; el PQRSD y la ONU. Ok sesion."
    )
    words = [w.text for w in words_to_check(text)]
    assert words == ["Acta", "de", "punto", "ver", "escribir", "el", "la", "Ok", "sesion"]
    start = text.index("sesion")
    assert [(w.start, w.length) for w in words_to_check(text)][-1] == (start, 6)


def test_the_persons_words_are_kept_in_their_file(tmp_path: Path) -> None:
    words = tmp_path / "config" / "palabras.txt"
    first = SpellChecker(user_file=words)
    assert not first.check("Xertopal")
    first.add_word("Xertopal")
    assert first.check("Xertopal")
    assert words.read_text(encoding="utf-8") == "Xertopal\n"
    if os.name == "posix":
        assert stat.S_IMODE(words.stat().st_mode) == 0o600
    again = SpellChecker(user_file=words)
    assert again.check("Xertopal")
    assert again.user_words == ["Xertopal"]


def test_ignored_words_last_until_the_program_closes(checker: SpellChecker, tmp_path: Path) -> None:
    checker.ignore("Fomeque")
    assert checker.check("Fomeque")
    assert not SpellChecker(user_file=tmp_path / "palabras.txt").check("Fomeque")


def test_the_words_file_lives_beside_the_profile(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MIPG_CONFIG_DIR", str(tmp_path))
    assert user_words_path() == tmp_path / "palabras.txt"


def test_loading_leaves_the_garbage_collector_on(checker: SpellChecker) -> None:
    assert checker.loaded
    assert gc.isenabled()
    assert sys.getswitchinterval() == pytest.approx(0.005)


def test_nothing_is_read_until_first_used() -> None:
    probe = (
        "import sys\n"
        "from mipg_desktop.spelling import SpellChecker, shared_checker\n"
        "c = shared_checker()\n"
        "print(c.loaded, 'spylls' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, timeout=60
    )
    assert result.stdout.split() == ["False", "False"], result.stderr


def test_fold_ignores_case_and_accents() -> None:
    assert fold("Interventoría") == fold("INTERVENTORIA") == "interventoria"


def test_the_dictionary_ships_with_its_licence() -> None:
    folder = resource_path("dictionaries")
    assert (folder / "es_CO.aff").stat().st_size > 100_000
    assert (folder / "es_CO.dic").stat().st_size > 500_000
    licence = (folder / "LICENSE-es_CO.txt").read_text(encoding="utf-8")
    assert "GNU GPL versión 3" in licence and "GNU LGPL versión 3" in licence
    assert "MPL versión 1.1" in licence
    readme = (folder / "README.md").read_text(encoding="utf-8")
    assert "RLA-ES" in readme and "2.8" in readme and "dictionary-es-co" in readme
    spec = (ROOT / "build.spec").read_text(encoding="utf-8")
    assert '("resources", "resources")' in spec  # the bundle carries resources/dictionaries
