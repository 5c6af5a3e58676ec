"""The PySide6 window of MIPG Desktop: a thin client of ``mipg_desktop`` services."""
