"""Entity profile, logo and document control: validated, audited, with a default block."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import select

from mipg_desktop.entity_profile import (
    DocumentControlInfo,
    get_document_control,
    get_entity,
    get_logo,
    save_document_control,
    save_entity,
    set_logo,
)
from mipg_desktop.errors import Cancelled, ConcurrentEdit, ValidationError
from mipg_desktop.models.audit import AuditEntry
from mipg_desktop.progress import NO_PROGRESS, Progress
from mipg_desktop.storage.database import Database

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def audit_rows(db: Database) -> list[tuple[str, str, str]]:
    with db.transaction() as session:
        rows = session.scalars(select(AuditEntry).order_by(AuditEntry.id)).all()
        return [(r.action, r.table_name, r.user_name) for r in rows]


def test_entity_is_created_then_updated_with_an_audit_trail(db: Database) -> None:
    assert get_entity(db) is None
    created = save_entity(
        db, expected_version=None, name="  Alcaldía de   Pasto ", nit="891.280.000-3", city="Pasto"
    )
    assert created.name == "Alcaldía de Pasto"
    updated = save_entity(db, expected_version=created.version, city="San Juan de Pasto")
    assert updated.id == created.id and updated.nit == "891.280.000-3"
    assert updated.city == "San Juan de Pasto"
    assert audit_rows(db) == [
        ("create", "entities", "pruebas"),
        ("update", "entities", "pruebas"),
    ]


def test_absurdly_long_or_empty_values_are_refused_and_nothing_changes(db: Database) -> None:
    save_entity(db, expected_version=None, name="Gobernación de Nariño")
    with pytest.raises(ValidationError) as error:
        save_entity(db, expected_version=None, name="x" * 10_000, city="y" * 500)
    assert len(error.value.problems) == 2
    assert "10000 caracteres" in str(error.value)
    with pytest.raises(ValidationError, match="obligatorio"):
        save_entity(db, expected_version=None, name="   ")
    profile = get_entity(db)
    assert profile is not None and profile.name == "Gobernación de Nariño"
    assert len(audit_rows(db)) == 1


def test_logo_must_be_a_small_png_or_jpeg(db: Database) -> None:
    with pytest.raises(ValidationError, match="Primero registre"):
        set_logo(db, PNG, expected_version=0)
    entity = save_entity(db, expected_version=None, name="Entidad")
    with pytest.raises(ValidationError, match="PNG o JPEG"):
        set_logo(db, b"GIF89a....", expected_version=entity.version)
    with pytest.raises(ValidationError, match="2 MB"):
        set_logo(db, PNG + b"\x00" * (3 * 1024 * 1024), expected_version=entity.version)
    set_logo(db, PNG, expected_version=entity.version)
    assert get_logo(db) == (PNG, "image/png")
    profile = get_entity(db)
    assert profile is not None and profile.has_logo


def test_document_control_falls_back_to_the_default_block(db: Database) -> None:
    assert get_document_control(db) == DocumentControlInfo()
    save_entity(db, expected_version=None, name="Entidad")
    default = DocumentControlInfo(
        process="Planeación",
        code="PL-F-01",
        version="02",
        valid_from=date(2026, 1, 15),
        show_uncontrolled_copy=True,
    )
    stored = save_document_control(db, default)
    assert replace(stored, row_version=0) == default and stored.row_version == 1
    minutes = DocumentControlInfo(process="Planeación", code="PL-F-07", version="05")
    save_document_control(db, minutes, kind="minutes")
    assert get_document_control(db, "minutes").code == "PL-F-07"
    assert get_document_control(db, "convocation") == stored
    save_document_control(db, replace(stored, version="03"), base=stored)
    assert get_document_control(db).version == "03"
    assert get_document_control(db).process == "Planeación"


def test_two_people_editing_the_profile_never_overwrite_each_other(db: Database) -> None:
    """Both read version 1. Different fields: both changes kept. The same field: the second
    is refused with the stored value, and nothing changes."""
    read = save_entity(db, expected_version=None, name="Alcaldía de Pasto", city="Pasto")
    base = {"name": read.name, "city": read.city, "nit": read.nit}
    first = save_entity(db, expected_version=read.version, base=base, nit="891.280.000-3")
    second = save_entity(db, expected_version=read.version, base=base, city="San Juan de Pasto")
    assert (second.nit, second.city) == ("891.280.000-3", "San Juan de Pasto")
    assert second.version == first.version + 1
    with pytest.raises(ConcurrentEdit) as error:
        save_entity(db, expected_version=read.version, base=base, city="Ipiales")
    assert error.value.current == {"city": "San Juan de Pasto"}
    assert error.value.version == second.version
    profile = get_entity(db)
    assert profile is not None and profile.city == "San Juan de Pasto"
    with pytest.raises(ConcurrentEdit):  # no base: any newer version is refused
        save_entity(db, expected_version=read.version, address="Calle 18")
    with pytest.raises(ConcurrentEdit):  # «there was no entity» when there is one
        save_entity(db, expected_version=None, name="Otra entidad")
    block = save_document_control(db, DocumentControlInfo(code="A-01"))
    save_document_control(db, replace(block, process="Planeación"), base=block)
    with pytest.raises(ConcurrentEdit) as clash:
        save_document_control(db, replace(block, process="Calidad"), base=block)
    assert clash.value.current == {"process": "Planeación"}
    with pytest.raises(ConcurrentEdit):
        save_document_control(db, DocumentControlInfo(code="B-02"))  # read before it existed
    assert get_document_control(db).process == "Planeación"


def test_progress_reports_and_cancels() -> None:
    seen: list[tuple[int, int, str]] = []

    class Recorder(Progress):
        def on_update(self) -> None:
            seen.append((self.done, self.total, self.message))

    progress = Recorder()
    progress.update(1, 4, "uno")
    progress.update(2)
    assert seen == [(1, 4, "uno"), (2, 4, "uno")]
    progress.cancel()
    with pytest.raises(Cancelled):
        progress.update(3)
    NO_PROGRESS.cancel()
    NO_PROGRESS.update(1, 1)
    assert not NO_PROGRESS.cancelled
