"""Term papers written for the demo (invented, short): what markers read right after ``make run``."""

from __future__ import annotations

DRAFT = """Chatbots in der Erstberatung: Chancen und Grenzen

Einleitung
Viele Beratungsstellen der Sozialen Arbeit erproben Chatbots, die außerhalb der Öffnungszeiten erste Fragen beantworten. Diese Arbeit fragt, ob solche Angebote den Zugang zu Hilfe erleichtern oder eine neue Hürde schaffen.

Stand der Diskussion
Befürworterinnen betonen die niedrige Schwelle: Wer sich schämt, schreibt eher einem Programm als einer Fachkraft. Kritiker verweisen darauf, dass Ratsuchende in Krisen eine menschliche Antwort brauchen und dass Daten über Notlagen besonders schutzbedürftig sind.

Erste Überlegungen
Ein Chatbot kann Informationen ordnen und Termine vermitteln. Er ersetzt aber nicht das Gespräch, in dem eine Fachkraft die Situation einschätzt. Die weitere Arbeit untersucht zwei Beratungsstellen und ihre Erfahrungen im ersten Jahr.
"""

FINAL = """Digitale Dokumentation in der Jugendhilfe: eine Fallstudie

Einleitung
Die Jugendhilfe dokumentiert viel: Hilfepläne, Gesprächsnotizen, Berichte an das Jugendamt. Seit einigen Jahren geschieht das zunehmend in Fachverfahren. Diese Arbeit untersucht am Beispiel eines freien Trägers, wie sich die Arbeit der Fachkräfte dadurch verändert hat.

Methode
Grundlage sind sechs leitfadengestützte Interviews mit Fachkräften und eine Auswertung der Dokumentationsrichtlinien des Trägers. Die Interviews wurden transkribiert und inhaltsanalytisch ausgewertet.

Ergebnisse
Die Fachkräfte schätzen, dass Informationen schneller auffindbar sind und Vertretungen besser gelingen. Zugleich berichten sie, dass Pflichtfelder die Sprache der Berichte vereinheitlichen und dass die Adressatinnen und Adressaten selten erfahren, was über sie gespeichert wird.

Diskussion
Dokumentation ist kein neutrales Werkzeug. Wer Felder und Kategorien festlegt, entscheidet mit, was als relevant gilt. Beteiligung der Adressatinnen und Adressaten an der Dokumentation wäre ein Schritt, der sowohl fachlich als auch datenschutzrechtlich geboten ist.

Fazit
Digitale Dokumentation kann die Arbeit erleichtern, wenn sie von den Fachkräften mitgestaltet und den Adressatinnen und Adressaten gegenüber transparent gemacht wird.
"""

LATE = """Videoberatung im ländlichen Raum

Einleitung
Im ländlichen Raum sind die Wege zur nächsten Beratungsstelle weit. Videoberatung verspricht, diese Distanz zu überbrücken. Die Arbeit fragt, für wen das gilt und für wen nicht.

Befunde
Die ausgewerteten Studien zeigen, dass Videoberatung vor allem Menschen erreicht, die bereits digital gut ausgestattet sind. Ältere Ratsuchende und Familien mit nur einem Smartphone nutzen sie seltener. Gleichzeitig berichten Beraterinnen von Gesprächen, die ohne Video nicht zustande gekommen wären.

Schlussfolgerung
Videoberatung ergänzt die Präsenzberatung, ersetzt sie aber nicht. Träger sollten Geräte und Räume bereitstellen, etwa in Gemeindezentren, damit das Angebot nicht nur die ohnehin gut Versorgten erreicht.
"""

MARKED = """Datenschutz in der Schulsozialarbeit

Einleitung
Schulsozialarbeit bewegt sich zwischen Schule, Jugendhilfe und Familie. Wer welche Informationen erhält, ist dabei oft unklar. Diese Arbeit ordnet die rechtlichen Grundlagen und zeigt an Beispielen, wo Konflikte entstehen.

Rechtlicher Rahmen
Maßgeblich sind das Sozialdatenschutzrecht, die Datenschutz-Grundverordnung und die Schweigepflicht der Fachkräfte. Für Messenger-Dienste und Cloud-Speicher gelten dabei strenge Anforderungen.

Beispiele
Eine Lehrerin bittet um Auskunft über ein Gespräch mit einem Schüler; eine Schule möchte Beratungstermine in einem gemeinsamen Kalender verwalten. In beiden Fällen braucht es eine Einwilligung oder eine gesetzliche Grundlage.

Fazit
Klare Absprachen und datensparsame Werkzeuge schützen das Vertrauen der Schülerinnen und Schüler, ohne die Zusammenarbeit mit der Schule zu verhindern.
"""

FEEDBACK = """Eine **klar gegliederte** Arbeit mit treffenden Beispielen.

- Der rechtliche Rahmen ist korrekt dargestellt.
- Die Beispiele zeigen die Konflikte anschaulich.
- Für eine bessere Note hätte die Diskussion die Perspektive der Schülerinnen und Schüler stärker einbeziehen können.
"""
