"""Papers written for the demo and the tests, one for each band of the signal (invented, ours).

CHATBOT is in the typical style of a chatbot answer (enumerations, "Darüber hinaus", a summary that
repeats the headings); PRACTICE is a student's own voice from a placement; SHORT has 120 words (too
short for a statement); FRENCH is in a language the detector does not know.
"""

from __future__ import annotations

CHATBOT = """Künstliche Intelligenz in der Sozialen Arbeit: Chancen, Herausforderungen und Perspektiven

Einleitung
In der heutigen, sich rasant wandelnden digitalen Welt spielt Künstliche Intelligenz eine zunehmend zentrale Rolle in nahezu allen Bereichen der Gesellschaft. Auch die Soziale Arbeit steht vor der Herausforderung, sich mit den vielfältigen Möglichkeiten und Risiken dieser Technologie auseinanderzusetzen. Die vorliegende Arbeit beleuchtet die wichtigsten Chancen und Herausforderungen, die sich aus dem Einsatz von Künstlicher Intelligenz in der Sozialen Arbeit ergeben, und zeigt Perspektiven für eine verantwortungsvolle Gestaltung auf.

Chancen der Künstlichen Intelligenz
Künstliche Intelligenz bietet der Sozialen Arbeit zahlreiche Chancen. Erstens kann sie dazu beitragen, administrative Aufgaben effizienter zu gestalten, sodass Fachkräfte mehr Zeit für die direkte Arbeit mit ihren Klientinnen und Klienten haben. Zweitens ermöglicht sie eine datenbasierte Entscheidungsfindung, die frühzeitige Interventionen unterstützen kann. Drittens eröffnet sie neue Zugänge zu Beratungsangeboten, beispielsweise durch Chatbots, die rund um die Uhr erreichbar sind. Insgesamt lässt sich festhalten, dass Künstliche Intelligenz das Potenzial hat, die Qualität und Reichweite sozialer Dienstleistungen nachhaltig zu verbessern.

Herausforderungen und Risiken
Gleichzeitig ist es wichtig zu betonen, dass der Einsatz von Künstlicher Intelligenz mit erheblichen Herausforderungen verbunden ist. Ein zentraler Aspekt ist der Datenschutz, da in der Sozialen Arbeit besonders sensible Daten verarbeitet werden. Darüber hinaus besteht die Gefahr, dass algorithmische Systeme bestehende Ungleichheiten reproduzieren oder sogar verstärken. Nicht zuletzt stellt sich die Frage, wie die professionelle Beziehung zwischen Fachkraft und Klientin oder Klient gewahrt werden kann, wenn digitale Systeme einen Teil der Kommunikation übernehmen. Diese Herausforderungen verdeutlichen, dass ein reflektierter und kritischer Umgang mit Künstlicher Intelligenz unerlässlich ist.

Die Bedeutung ethischer Leitlinien
Ein weiterer wichtiger Aspekt ist die Entwicklung ethischer Leitlinien für den Einsatz von Künstlicher Intelligenz. Diese Leitlinien sollten sicherstellen, dass die Würde, die Autonomie und die Rechte der Adressatinnen und Adressaten jederzeit gewahrt bleiben. Darüber hinaus sollten sie Transparenz und Nachvollziehbarkeit algorithmischer Entscheidungen gewährleisten. Es ist von zentraler Bedeutung, dass Fachkräfte verstehen, wie die eingesetzten Systeme funktionieren, um deren Ergebnisse kritisch einordnen zu können. Insgesamt tragen klare ethische Leitlinien dazu bei, Vertrauen in digitale Angebote zu schaffen und eine verantwortungsvolle Nutzung sicherzustellen.

Die Rolle der Aus- und Weiterbildung
Nicht zuletzt spielt die Aus- und Weiterbildung eine entscheidende Rolle. Fachkräfte der Sozialen Arbeit benötigen fundierte Kenntnisse über die Funktionsweise, die Möglichkeiten und die Grenzen von Künstlicher Intelligenz. Hochschulen und Weiterbildungsträger sind daher gefordert, entsprechende Inhalte in ihre Curricula zu integrieren. Auf diese Weise können angehende Fachkräfte optimal auf die Herausforderungen einer zunehmend digitalisierten Praxis vorbereitet werden. Darüber hinaus fördert eine kontinuierliche Weiterbildung die Fähigkeit, neue Entwicklungen kritisch zu reflektieren und aktiv mitzugestalten.

Perspektiven für die Praxis
Um die Chancen der Künstlichen Intelligenz zu nutzen und gleichzeitig die Risiken zu minimieren, bedarf es eines ganzheitlichen Ansatzes. Dazu gehört die kontinuierliche Weiterbildung der Fachkräfte, die Entwicklung klarer ethischer Leitlinien sowie die aktive Beteiligung der Adressatinnen und Adressaten an der Gestaltung digitaler Angebote. Darüber hinaus ist eine enge Zusammenarbeit zwischen Praxis, Wissenschaft und Technologieentwicklung von entscheidender Bedeutung. Nur so kann sichergestellt werden, dass Künstliche Intelligenz im Sinne der Menschen eingesetzt wird.

Fazit
Zusammenfassend lässt sich sagen, dass Künstliche Intelligenz sowohl große Chancen als auch bedeutende Herausforderungen für die Soziale Arbeit mit sich bringt. Entscheidend ist, dass die Profession die Entwicklung aktiv mitgestaltet und ihre ethischen Grundsätze in den Mittelpunkt stellt. Auf diese Weise kann Künstliche Intelligenz zu einem wertvollen Werkzeug werden, das die Soziale Arbeit in ihrer Kernaufgabe unterstützt: Menschen in schwierigen Lebenslagen zu begleiten und zu stärken.
"""

PRACTICE = """Wer dokumentiert hier eigentlich wen? Notizen aus einem Praktikum in der ambulanten Jugendhilfe

Einleitung
Als ich im Frühjahr mein Praxissemester bei einem kleinen Träger der ambulanten Jugendhilfe begann, hatte ich mit vielem gerechnet, nur nicht mit so viel Papier, das gar keins mehr war. Die Fachkräfte tippten ihre Verlaufsnotizen abends in ein Fachverfahren, oft im Auto vor der Wohnung der Familie, weil das WLAN im Büro mal wieder streikte. Mich hat interessiert, was dabei aus den Gesprächen wird: Was landet in der Akte, was nicht, und wer entscheidet das eigentlich?

Vorgehen
Ich habe über acht Wochen ein Forschungstagebuch geführt und mit vier Kolleginnen kurze, eher lockere Interviews gemacht – zwischen Tür und Angel, wie man so sagt, meistens in der Teeküche. Außerdem durfte ich, nach Rücksprache mit der Leitung und natürlich anonymisiert, zwanzig Verlaufseinträge lesen. Repräsentativ ist das nicht. Es ging mir eher darum, ein Gefühl für die Praxis zu bekommen, als etwas zu beweisen.

Was mir auffiel
Erstaunlich fand ich, wie unterschiedlich die Einträge klangen, obwohl alle dieselbe Maske benutzten. Frau K. schrieb kurze, fast telegrammartige Sätze („Mutter müde, Kühlschrank leer, Termin JA verschoben“), während Herr B. kleine Geschichten erzählte, manchmal mit wörtlichen Zitaten des Jugendlichen. Als ich ihn fragte, warum, meinte er, die Akte lese ja irgendwann vielleicht der Junge selbst, und dann solle er sich darin wiedererkennen. Das hat mich lange beschäftigt. Die Pflichtfelder dagegen – Gefährdungseinschätzung, Ressourcen, Ziele – wurden oft mit denselben drei Formulierungen gefüllt. Eine Kollegin gab offen zu, dass sie die Ziele vom letzten Mal kopiert, „weil sich ja eh nichts ändert in vier Wochen“.

Diskussion
Man könnte das als Schlamperei abtun. Ich glaube aber, da steckt mehr dahinter. Die Software fragt nach Kategorien, die jemand im Büro des Trägers für wichtig hielt, und die Fachkräfte antworten in der Sprache, die die Software hören will. Was nicht in ein Feld passt, verschwindet, oder es rutscht in das Freitextfeld ganz unten, das keiner liest. Mit Beteiligung der Familien hat das wenig zu tun, obwohl das Leitbild genau die groß schreibt.

Schluss
Ich habe keine fertige Antwort. Aber ich würde beim nächsten Mal die Familien fragen, ob sie ihre Akte überhaupt kennen, und was sie darin lesen möchten.
"""

SHORT = """Wer dokumentiert hier eigentlich wen? Notizen aus einem Praktikum in der ambulanten Jugendhilfe Einleitung Als ich im Frühjahr mein Praxissemester bei einem kleinen Träger der ambulanten Jugendhilfe begann, hatte ich mit vielem gerechnet, nur nicht mit so viel Papier, das gar keins mehr war. Die Fachkräfte tippten ihre Verlaufsnotizen abends in ein Fachverfahren, oft im Auto vor der Wohnung der Familie, weil das WLAN im Büro mal wieder streikte. Mich hat interessiert, was dabei aus den Gesprächen wird: Was landet in der Akte, was nicht, und wer entscheidet das eigentlich? Vorgehen Ich habe über acht Wochen ein Forschungstagebuch geführt und mit vier Kolleginnen kurze, eher lockere Interviews gemacht – zwischen Tür und Angel, wie man so sagt, meistens in der Teeküche.
"""

FRENCH = """Le travail social numérique : observations d'un stage

Introduction
Pendant mon stage dans un service d'aide à la jeunesse, j'ai observé comment les travailleurs sociaux utilisent les outils numériques au quotidien. Les dossiers sont tenus dans un logiciel, les rendez-vous sont pris par messagerie et les réunions d'équipe se tiennent parfois en visioconférence. Ce travail se demande ce que ces changements font à la relation avec les familles.

Observations
Les professionnels apprécient de retrouver rapidement une information, mais ils regrettent que les champs obligatoires du logiciel imposent un langage uniforme. Une collègue m'a expliqué qu'elle écrit d'abord ses notes à la main, puis qu'elle les recopie le soir. Les familles, elles, ne savent souvent pas ce qui est écrit sur elles, et personne ne leur montre leur dossier.

Discussion
Le numérique n'est pas neutre. Celui qui définit les catégories du dossier décide aussi de ce qui compte. Il faudrait associer les familles à la documentation et leur expliquer quelles données sont conservées, pourquoi et pendant combien de temps. Cela demande du temps, que les services n'ont pas toujours, mais c'est une condition de la confiance.

Conclusion
Les outils numériques peuvent faciliter le travail, à condition que les professionnels et les familles participent à leur conception et que la protection des données soit prise au sérieux dès le départ.
"""
