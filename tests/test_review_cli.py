"""``mipg respond``, ``mipg import-response`` and ``mipg review``, end to end."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_committees_package import full_session

from mipg_desktop.cli import main
from mipg_desktop.committees.sessions import set_status
from mipg_desktop.storage.database import Database


def test_a_member_responds_and_the_secretary_reviews_from_the_command_line(
    db: Database, db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sid = full_session(db)
    set_status(db, sid, "minutes_draft")
    package = tmp_path / "borrador.mipgsesion"
    assert main(["--db", db_url, "export-session", str(sid), "-o", str(package)]) == 0
    capsys.readouterr()

    assert main(["respond", str(package), "--show", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    decision = next(t for t in shown["targets"] if t["target"] == "decision")
    notes = tmp_path / "observaciones.json"
    notes.write_text(
        json.dumps(
            [
                {"target": "acta", "comment": "Falta la hora de cierre."},
                {
                    "target": "decision",
                    "label": decision["label"],
                    "proposed_text": "Aprobar el informe de avance",
                    "created_at": "2026-03-14T10:00:00",
                },
            ]
        ),
        encoding="utf-8",
    )
    ana = tmp_path / "ana.mipgrespuesta"
    args = ["respond", str(package), "--observations", str(notes), "-o", str(ana)]
    assert main([*args, "--member", "ANA MARIA rojas"]) == 0
    assert "Ana María Rojas Pérez con 2 observaciones" in capsys.readouterr().out
    assert main([*args, "--member", "a"]) == 1
    assert "coincide con varios integrantes" in capsys.readouterr().err
    assert main([*args, "--member", "Persona Ajena"]) == 1
    assert "no integra el comité" in capsys.readouterr().err
    luz = tmp_path / "luz.mipgrespuesta"
    assert (
        main(
            ["respond", str(package), "--member", "luz marina", "--no-observations", "-o", str(luz)]
        )
        == 0
    )

    assert main(["--db", db_url, "import-response", str(ana)]) == 0
    assert "2 observaciones" in capsys.readouterr().out
    assert main(["--db", db_url, "import-response", str(luz)]) == 0
    assert main(["--db", db_url, "import-response", str(luz)]) == 0
    assert "ya estaba importada" in capsys.readouterr().out
    bad = tmp_path / "alterada.mipgrespuesta"
    bad.write_text(ana.read_text(encoding="utf-8").replace("cierre", "inicio"), encoding="utf-8")
    assert main(["--db", db_url, "import-response", str(bad)]) == 1
    assert "Respuesta rechazada" in capsys.readouterr().err

    assert main(["--db", db_url, "review", str(sid), "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert {r["member"] for r in listed["responses"]} == {
        "Ana María Rojas Pérez",
        "Luz Marina Castro",
    }
    kinds = [(o["target"], o["member"], o["status"]) for o in listed["observations"]]
    assert kinds == [
        ("acta", "Ana María Rojas Pérez", "open"),
        ("decision", "Ana María Rojas Pérez", "open"),
    ]
    assert listed["observations"][1]["created_at"] == "2026-03-14T10:00:00"
    assert main(["--db", db_url, "review", str(sid)]) == 0
    out = capsys.readouterr().out
    assert "Luz Marina Castro: sin observaciones." in out
    assert "Propone: Aprobar el informe de avance" in out


def test_a_script_that_responds_twice_does_not_double_the_observations(
    db: Database, db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """IT staff run the same ``mipg respond`` again (a corrected comment): the second file
    carries the same observation uids, so the import updates instead of adding a copy."""
    sid = full_session(db)
    set_status(db, sid, "minutes_draft")
    package = tmp_path / "borrador.mipgsesion"
    assert main(["--db", db_url, "export-session", str(sid), "-o", str(package)]) == 0
    notes = tmp_path / "obs.json"
    for k, said in enumerate(("Falta la hora de cierre.", "Falta la hora de cierre real.")):
        notes.write_text(json.dumps([{"target": "acta", "comment": said}]), encoding="utf-8")
        out = tmp_path / f"{k}.mipgrespuesta"
        args = ["respond", str(package), "--member", "luz marina", "--observations", str(notes)]
        assert main([*args, "-o", str(out)]) == 0
        assert main(["--db", db_url, "import-response", str(out)]) == 0
    capsys.readouterr()
    assert main(["--db", db_url, "review", str(sid), "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)["observations"]
    assert [o["comment"] for o in listed] == ["Falta la hora de cierre real."]
