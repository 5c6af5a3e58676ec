"""No English in any dialog or menu the window tests showed (``ui_support.EnglishWatch``
checks each as it opens). Runs after the window suite (file name)."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from ui_support import ENGLISH_SEEN

pytestmark = pytest.mark.qt


def test_no_dialog_or_menu_shown_by_a_test_spoke_english() -> None:
    assert not ENGLISH_SEEN, "English shown:\n" + "\n".join(sorted(set(ENGLISH_SEEN)))
