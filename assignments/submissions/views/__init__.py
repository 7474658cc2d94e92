"""The pages of submissions: student.py and progress.py (the student's side), marking.py and files.py
(the markers' side), extensions.py (both); common.py holds the shared lookups that answer 404."""
