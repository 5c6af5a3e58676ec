"""Every button, menu action and shortcut the window offers was used by some window test
through its real signal (a click, a key, a menu). Runs last (file name) and only when the
whole window suite ran in this process: the other tests record what they used."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from ui_support import OFFERED, USED

pytestmark = pytest.mark.qt
HERE = Path(__file__).resolve().parent


def test_every_button_menu_action_and_shortcut_was_used(request: pytest.FixtureRequest) -> None:
    ran = {Path(str(item.fspath)).name for item in request.session.items}
    suite = {p.name for p in HERE.glob("test_ui_*.py")}
    if not suite <= ran:
        pytest.skip("only meaningful after the whole window suite")
    assert len(OFFERED) > 50, OFFERED  # the inventory was taken
    unused = sorted(f"{key}  ({where})" for key, where in OFFERED.items() if key not in USED)
    assert not unused, "never clicked, triggered or pressed by a test:\n" + "\n".join(unused)
