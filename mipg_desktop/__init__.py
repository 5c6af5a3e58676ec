"""MIPG Desktop core: storage, services, documents and spreadsheets, free of Qt."""

__version__ = "0.1.0"
