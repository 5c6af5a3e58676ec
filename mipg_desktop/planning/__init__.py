"""Planning and measurement: plans, follow-up, roll-up, Excel in and out, FURAG results.

Entry points (each takes a ``Database`` and returns frozen dataclasses):

- :mod:`.plans`: ``list_plans``, ``get_plan``, ``create_plan``, ``delete_plan``
- :mod:`.follow_up`: ``record_progress``, ``attach_evidence``, ``read_evidence``, ``rate_activity``
- :mod:`.rollup`: ``rollup_plan``, ``rollup_year``, ``get_thresholds``, ``set_thresholds``
- :mod:`.plan_import`: ``import_plan``, ``read_plan_file``; :mod:`.plan_export`: ``export_plan``
- :mod:`.plan_proposal`: ``propose_mapping``, ``review_mapping`` (the mapping step before an
  import: columns scored by :mod:`.header_score` / :mod:`.plan_mapping`, saved layouts in
  :mod:`.plan_layouts`)
- :mod:`.furag`: ``import_furag``, ``read_furag_entities``, ``list_furag``,
  ``weakest_policies`` (the history in :mod:`.furag_history`; what an import must not do
  unasked in :mod:`.furag_guard`); :mod:`.improvement`: ``policy_gaps``
- :mod:`.commitments_export`: ``export_commitments``;
  :mod:`.session_register_export`: ``export_session_register``
- :mod:`.sheet_reader`: ``open_sheets`` (every spreadsheet read goes through it: .xlsx, .xlsm,
  .ods, .xls, told by content and checked first by :mod:`.sheet_formats`)
- :mod:`.safe_cells`: ``guard_workbook`` (every workbook written: text never a formula)
"""
