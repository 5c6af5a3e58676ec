"""Schema revisions: every golden database migrates to head, with a backup, keeping its data."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from mipg_desktop.catalog import get_catalog
from mipg_desktop.entity_profile import get_entity
from mipg_desktop.storage import revisions as revisions_module
from mipg_desktop.storage.database import SchemaState, inspect_sqlite_file, open_database
from mipg_desktop.storage.revisions import revision_graph

GOLDEN = Path(__file__).resolve().parent / "golden"


def test_revision_graph_read_without_alembic_agrees_with_alembic() -> None:
    from alembic.script import ScriptDirectory

    from mipg_desktop.storage.migrate import alembic_config

    script = ScriptDirectory.from_config(alembic_config())  # type: ignore[arg-type]
    graph = revision_graph()
    assert graph.heads == frozenset(script.get_heads())
    assert graph.known == frozenset(r.revision for r in script.walk_revisions())


def test_every_revision_has_a_golden_database() -> None:
    have = {p.stem for p in GOLDEN.glob("*.sqlite")}
    missing = revision_graph().known - have
    assert not missing, f"run tests/golden/make_golden.py {' '.join(sorted(missing))}"


@pytest.mark.sqlite_only
@pytest.mark.parametrize("golden", sorted(GOLDEN.glob("*.sqlite")), ids=lambda p: p.stem)
def test_golden_database_migrates_to_head(golden: Path, tmp_path: Path) -> None:
    path = tmp_path / "antigua.sqlite"
    shutil.copyfile(golden, path)
    state = inspect_sqlite_file(path).state
    with open_database(path) as db:
        assert inspect_sqlite_file(path).state is SchemaState.CURRENT
        profile = get_entity(db)
        assert profile is not None and profile.name == "Entidad Dorada"
        assert len(get_catalog(db).policies()) == 19
        backups = list(tmp_path.glob("antigua.antes-de-actualizar-*.sqlite"))
        if state is SchemaState.OUTDATED:
            assert db.backup_path is not None and backups == [db.backup_path]
            assert backups[0].read_bytes()[:16] == b"SQLite format 3\x00"
            conn = sqlite3.connect(backups[0])
            rev = {r[0] for r in conn.execute("SELECT version_num FROM alembic_version")}
            conn.close()
            assert rev == {golden.stem}
        else:
            assert backups == []


@pytest.mark.sqlite_only
def test_a_failing_upgrade_leaves_the_database_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, db_url: str
) -> None:
    from mipg_desktop.storage import migrate

    migrations = tmp_path / "migrations"
    shutil.copytree(migrate.MIGRATIONS_DIR, migrations)
    heads = tuple(sorted(revision_graph().heads))
    (migrations / "versions" / "9000_broken.py").write_text(
        "import sqlalchemy as sa\nfrom alembic import op\n\n"
        "revision = '9000_broken'\n"
        f"down_revision = {heads!r}\n"
        "branch_labels = None\ndepends_on = None\n\n\n"
        "def upgrade() -> None:\n"
        "    op.create_table('half_done', sa.Column('id', sa.Integer, primary_key=True))\n"
        "    op.execute(\"UPDATE entities SET name = 'cambiado'\")\n"
        "    raise RuntimeError('migración rota')\n\n\n"
        "def downgrade() -> None:\n    pass\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(migrate, "MIGRATIONS_DIR", migrations)
    monkeypatch.setattr(revisions_module, "VERSIONS_DIR", migrations / "versions")
    revision_graph.cache_clear()
    path = Path(db_url.removeprefix("sqlite:///"))
    conn = sqlite3.connect(path)
    conn.execute(
        'INSERT INTO entities (name, nit, city, department, sigep_code, address, "order", '
        "logo_mime, created_at, updated_at) VALUES ('Intacta', '', '', '', '', '', '', '', "
        "'2026-01-01', '2026-01-01')"
    )
    conn.commit()
    conn.close()
    try:
        with pytest.raises(RuntimeError, match="migración rota"):
            open_database(path)
    finally:
        revision_graph.cache_clear()
    conn = sqlite3.connect(path)
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    names = [r[0] for r in conn.execute("SELECT name FROM entities")]
    versions = {r[0] for r in conn.execute("SELECT version_num FROM alembic_version")}
    conn.close()
    assert "half_done" not in tables
    assert names == ["Intacta"]
    assert versions == set(heads)
    assert list(tmp_path.glob("mipg.antes-de-actualizar-*.sqlite"))
