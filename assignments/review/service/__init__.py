"""The review's rules, without HTTP: analysis and rescoring, decisions, the defence hand-over, outcomes."""
