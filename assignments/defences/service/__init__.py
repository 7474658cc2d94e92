"""The feature's business rules, free of HTTP: views, CLI commands and jobs call these modules.

windows       which windows exist, who serves, who must defend
availability  examiners' ranges and daily maxima
slots         what is free right now (collective availability of a full panel)
booking       book, move, cancel; ``units.run`` retries a unit that lost a race
waitlist      first come, first served offers of freed places
ics           calendar files and private feeds
"""
