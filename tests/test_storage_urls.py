"""Database addresses shown and stored without their password."""

from __future__ import annotations

import sys

import pytest

from mipg_desktop.storage.urls import (
    friendly_name,
    password_of,
    redact_url,
    scrub,
    with_password,
    without_password,
)

PG = "postgresql+psycopg://ana:s%40creto@db.entidad.gov.co:5432/mipg"


def test_the_password_is_taken_out_or_masked() -> None:
    assert password_of(PG) == "s@creto"
    assert without_password(PG) == "postgresql+psycopg://ana@db.entidad.gov.co:5432/mipg"
    assert redact_url(PG) == "postgresql+psycopg://ana:***@db.entidad.gov.co:5432/mipg"
    assert with_password(without_password(PG), "s@creto") == PG
    typo = "postgresql+psycopg://u:secreto@127.0.0.1:54x2/x"  # SQLAlchemy refuses this port
    assert "secreto" not in redact_url(typo) and "secreto" not in without_password(typo)
    query = "postgresql+psycopg://u@h/x?password=secreto&sslmode=require"
    assert password_of(query) == "secreto"
    assert without_password(query) == "postgresql+psycopg://u@h/x?sslmode=require"
    assert "secreto" not in redact_url(query)
    assert without_password("sqlite:////tmp/a.sqlite") == "sqlite:////tmp/a.sqlite"


@pytest.mark.skipif(sys.platform == "win32", reason="«~» is how Linux and macOS name home")
def test_a_file_in_the_home_folder_is_named_from_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", "/home/ana")
    assert friendly_name("sqlite:////home/ana/Documentos/MIPG/mipg.sqlite") == (
        "mipg.sqlite — ~/Documentos/MIPG"
    )
    assert friendly_name("/home/ana/mipg.sqlite") == "mipg.sqlite — ~"
    assert friendly_name("/home/anabel/mipg.sqlite") == "mipg.sqlite — /home/anabel"


def test_friendly_names() -> None:
    assert friendly_name("sqlite:////home/ana/Documentos/mipg.sqlite") == (
        "mipg.sqlite — /home/ana/Documentos"
    )
    assert friendly_name("/srv/datos/comite.sqlite") == "comite.sqlite — /srv/datos"
    assert friendly_name(PG) == "ana@db.entidad.gov.co/mipg"
    assert friendly_name("postgresql+psycopg://127.0.0.1/x") == "127.0.0.1/x"


def test_scrub_masks_plain_and_encoded_forms() -> None:
    text = "fallo en postgresql://ana:s%40creto@h/x con s@creto"
    assert scrub(text, ["s@creto"]) == "fallo en postgresql://ana:***@h/x con ***"
    assert scrub("nada", []) == "nada"
