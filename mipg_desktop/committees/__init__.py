"""Committee work: committees, sessions, agenda, attendance, minutes, commitments, packages.

Read models for the window and the documents are in :mod:`mipg_desktop.committees.views`
(``get_session_detail``, ``list_sessions``, ``list_committees``, ``get_committee``,
``list_members``, ``list_people``, ``list_commitments``, ``list_text_blocks``,
``read_attachment``).

Services (each one transaction, audited, refusing changes to an approved acta; most take
``expected_version`` and raise ``ConcurrentEdit`` when the record changed meanwhile):

- ``committees``: ``create_committee`` (defaults from its committee type), ``update_committee``,
  ``save_rules`` (reglamento), ``set_agenda_template``, ``standard_template``
- ``types``: committee types as data (``resources/catalog/committee_types.json``):
  ``list_types`` (optional scope ``mipg`` / ``meci``), ``get_type``, ``save_type`` (the
  entity's edit, never replaced by an upgrade), ``sync_types``, ``create_from_type``,
  ``committee_templates`` / ``template_items`` (session agenda templates), ``types_json``
- ``modality``: ``save_modality_rules``, ``modality_problem`` / ``session_modality_problem``
  (what the reglamento says against a modality; the reason goes to ``create_session`` /
  ``convene`` as ``modality_reason``)
- ``people``: ``add_person``, ``update_person``, ``add_membership``, ``update_membership``,
  ``end_membership``, ``remove_membership``
- ``sessions``: ``create_session`` (next number per committee and year, agenda proposed),
  ``update_session``, ``convocation_deadline``, ``convene`` (notice in Colombian business
  days; ``override_reason`` for a late one; ``agenda_template`` and ``modality_reason`` on
  creation), ``set_status`` / ``mark_held`` /
  ``start_minutes`` / ``submit_for_review`` / ``return_to_draft`` / ``cancel_session``
- ``agenda``: ``add_agenda_item``, ``update_agenda_item``, ``move_agenda_item``,
  ``remove_agenda_item``, ``add_attachment``, ``remove_attachment``
- ``attendance``: ``set_attendance``, ``add_guest``, ``remove_guest``, ``current_quorum``,
  ``verify_quorum``
- ``minutes``: ``save_deliberation``, ``insert_text_block``, ``save_text_block``,
  ``fill_placeholders``; the markup is read by ``markup.parse_markup`` and written by
  ``markup.write_markup``; pasted HTML becomes markup in ``markup_html.html_to_markup``
- ``votes``: ``record_decision``, ``remove_decision``, ``decide_outcome``
- ``commitments``: ``add_commitment``, ``update_commitment``, ``set_commitment_status``,
  ``add_follow_up``, ``remove_commitment``
- ``approval``: ``approve_minutes``, ``verify_approved``, ``add_erratum``; ``tacit``:
  ``tacit_approval_date``, ``approve_tacitly`` (reglamento term without remarks)
- ``package``: ``export_session``, ``import_session`` (``docs/session-package.md``)
"""
