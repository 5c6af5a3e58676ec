"""pyHanko's glyph accumulator, corrected for fonts whose em is not 1000 units.

pyHanko writes the CIDFont ``/W`` widths and the ``TJ`` adjustments in the font's own units,
which PDF reads as thousandths of an em; for DejaVu Sans (2048 units per em) the stamp's
letters then spread apart and the widths disagree with the embedded font program (a PDF/A
failure). This engine asks HarfBuzz for positions in thousandths and scales the widths.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

GLYPH_SPACE = 1000


def _engine_class() -> type:
    from pyhanko.pdf_utils.font.opentype import GlyphAccumulator

    class Accumulator(GlyphAccumulator):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._font_units = self.units_per_em
            self.hb_font.scale = (GLYPH_SPACE, GLYPH_SPACE)
            self.units_per_em = GLYPH_SPACE

        def _get_cid_and_width(self, glyph_id: int) -> tuple[int, int]:
            known = self._glyphs.get(glyph_id)
            if known is not None:
                return known  # type: ignore[no-any-return]
            cid, width = super()._get_cid_and_width(glyph_id)
            scaled = (cid, round(width * GLYPH_SPACE / self._font_units))
            self._glyphs[glyph_id] = scaled
            return scaled

    return Accumulator


def font_factory(path: str, size: int) -> Any:
    """A pyHanko font engine factory for the TTF at ``path``."""
    from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory

    @dataclass(frozen=True)
    class Factory(GlyphAccumulatorFactory):  # type: ignore[misc]
        def create_font_engine(self, writer: Any, obj_stream: Any = None) -> Any:
            handle = open(self.font_file, "rb")  # noqa: SIM115  (pyHanko reads it lazily)
            return _engine_class()(
                writer=writer,
                font_handle=handle,
                font_size=self.font_size,
                obj_stream=obj_stream,
            )

    return Factory(path, font_size=size)
