"""Business rules of submissions, without HTTP: views, CLI commands and jobs call these.

assignments.py   assignments from the catalogue, a student's deadline (extensions), hand-in phases
hand_in.py       uploading a version, handing in finally, `submission_finalised`
declarations.py  the declaration of independent work and the structured AI-use declaration
receipts.py      what a receipt shows
marking.py       feedback, grades, second marking, release, revealing identities, markers
extensions.py    requests for more time and decisions
grades.py        the German grade scale
"""
