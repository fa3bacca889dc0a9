"""Widgets the tabs are built from; each module is one widget or one family of small helpers.

* ``metrics_plot``: the one live plot of every tab; ``progress_panel``: bar, status line, Start/Stop;
  ``resume_run``: the Resume button of the training tabs;
* ``forms``: a titled group, a muted note, form validation, a learning rate as text; ``style``: colours, rates
  and read-only table cells; ``messages``: non-blocking message boxes;
* ``lab_guide`` and ``guide_panel``: the collapsible Guide beside each lab; ``diff_view``: word and line diffs;
* ``pair_source``: where a preference lab takes its pairs; ``run_texts``: one line about a run;
* Tutor tab: ``eval_table`` (the base-vs-tutor eval table);
* Label tab: ``label_table`` (its tables), ``ai_annotator_panel`` (the AI annotator page: label the rest,
  agreement, disagreements), ``more_pairs_box`` (generate, import, export), ``judgement_history`` (the
  History page), ``people_stats`` (the people's labels box);
* Reward tab: ``reward_histogram``, ``reward_accuracy`` (held-out accuracy beside the no-model baselines),
  ``heldout_pairs`` (the held-out pairs, misranked first, with Inspect);
* DPO tab: ``eval_compare`` (the SFT vs DPO page: rates, replies), ``pair_margins``;
* ``constitution_editor``, ``versions_dialog`` and ``try_it``: the Constitution tab's editor, versions and
  Try it; ``rounds_table`` and ``record_view``: its results table with the decision buttons, and the selected
  record's word diff and rounds; ``distill_page``: its "Distill & evaluate" page with the ablation.

Not here: engine logic (every job is a function of ``core``) and the tabs themselves (``gui/tabs``).
"""
