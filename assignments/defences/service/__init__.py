"""The feature's business rules, free of HTTP: views, CLI commands and jobs call these modules.

windows       which windows exist, who serves, who must defend
availability  examiners' ranges and daily maxima
slots         what is free right now (collective availability of a full panel)
booking       book and cancel, on claims that make double-booking impossible
moves         rebook (student) and reassign (lecturer): the same defence moves
waitlist      first come, first served offers of freed places
planning      the planner in the web: propose, adjust, publish
people        invitations and Nachteilsausgleich
records       suggested questions, protocol, signatures, corrections, the outcome event
ics           calendar files and private feeds
units         one unit of work, retried after a lost race
"""
