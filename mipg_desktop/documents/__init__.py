"""PDF documents of a committee session: convocation and agenda, minutes (acta), session pack.

Everything renders from the plain dataclasses in :mod:`mipg_desktop.documents.model`, so the
documents can be built and tested without a database; :mod:`.from_session` adapts the committee
read API to that model. reportlab and pypdf are imported lazily inside functions.
"""
