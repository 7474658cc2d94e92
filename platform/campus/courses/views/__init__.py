"""The views of course modules: thin functions that look up, check access, call the rules and render.

Their URL rules are all in `courses.blueprint`.
  common.py      the user's Access per request; URL ids to visible or editable objects; shared helpers
  reading.py     catalogue, search, module, edition, lesson, archive, year-to-year diff
  assets.py      an edition's asset files and the code-highlighting stylesheet
  enrolments.py  which cohorts are enrolled in which edition
  editing.py     the lesson editor and its live preview
  history.py     the version history of a file: list, one version, restore
  edition.py     an edition's management page, uploads, edition.toml, publishing
  settings.py    the edition settings form (sessions, readings, assignments);  problems.py  findings for it
  rollover.py    next year's edition: preview of the dates, then create;  formats.py  dates, sizes
  files.py       deleting a file of assets/
  lessons.py     create, rename, move and delete lessons
"""
