"""Closed word lists the detector relies on.

They are written out here, not derived from the training corpus, so that they cannot pick up the
topic words of one source. Function words and typical LLM connectives carry most of the style signal
(see the corpus notes); the stop-word lists for other languages only serve language identification.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    """A set of words written as one whitespace-separated string (easier to read and edit)."""
    return frozenset(text.split())


FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "de": _words(
        "der die das den dem des ein eine einen einem einer eines und oder aber doch sondern denn "
        "weil dass daß ob wenn als wie so auch noch nur schon sehr mehr bereits nicht kein keine "
        "keinen keinem keiner ist sind war waren wird werden wurde wurden worden sein seien hat haben "
        "hatte hatten kann können konnte konnten muss müssen musste soll sollen sollte sollten darf "
        "dürfen will wollen mag möchte ich du er sie es wir ihr man mich mir dich dir sich uns euch "
        "ihn ihm ihnen ihre ihrer ihren ihrem seine seiner seinem seinen unser unsere mein meine dies "
        "diese dieser dieses diesem diesen jene jener welche welcher welches welchen in im an am auf "
        "aus bei beim mit nach von vom zu zum zur für über unter vor hinter neben zwischen durch "
        "gegen ohne um bis seit während trotz wegen hier dort da dann nun also jedoch zudem außerdem "
        "daher deshalb somit dabei dazu damit darauf darin davon dafür etwa jeweils sowie bzw sowohl "
        "weder etwas alle allen aller alles jede jeder jedes jeden viele vielen einige andere anderen "
        "anderer wo was wer warum wann hierbei hierzu wodurch insbesondere ebenfalls eher gar ja eben "
        "halt mal wohl zwar sodass indem wobei"
    ),
    "en": _words(
        "the a an and or but nor so yet for because since although though while whereas if unless "
        "when where whether that which who whom whose what this these those it its they them their he "
        "him his she her we us our i me my you your is are was were be been being has have had do "
        "does did can could may might must shall should will would not no of in on at by with from to "
        "into onto about over under between through during before after above below against without "
        "within among as than then there here also only just even very more most such both each every "
        "all any some other another many much few own same too again further once thus hence "
        "therefore however"
    ),
}


# Connectives and phrasing that chat models overuse; single tokens, lower case.
LLM_MARKERS: dict[str, frozenset[str]] = {
    "de": _words(
        "darüber hinaus zudem insgesamt außerdem ferner weiteren zusammenfassend letztendlich "
        "letztlich folglich demnach maßgeblich entscheidend entscheidende entscheidenden zentral "
        "zentrale zentralen wesentlich wesentliche wesentlichen vielfältig vielfältige vielfältigen "
        "vielschichtig vielschichtige facettenreich facettenreiche nachhaltig nachhaltige "
        "ganzheitlich ganzheitliche fundiert fundierte umfassend umfassende umfassenden innovativ "
        "innovative bedeutend bedeutende bedeutenden wichtige wichtigen rolle spielt spielen "
        "beitragen beiträgt trägt ermöglicht ermöglichen fördern fördert herausforderungen potenzial "
        "bedeutung vielzahl aspekte einblicke hervorzuheben unterstreicht verdeutlicht beleuchtet "
        "beleuchten prägen geprägt gewährleisten essenziell dynamisch dynamische effizient effiziente "
        "gezielt gezielte erheblich erhebliche signifikant grundlegend grundlegende präzise "
        "kontinuierlich"
    ),
    "en": _words(
        "furthermore moreover additionally overall notably ultimately consequently delve delves "
        "delving tapestry multifaceted nuanced pivotal crucial vital realm underscore underscores "
        "underscoring intricate intricacies foster fostering showcasing showcase showcases "
        "comprehensive leverage leveraging leverages robust seamless seamlessly landscape significant "
        "significantly enhance enhances enhancing enhanced valuable insights highlights highlighting "
        "emphasizing emphasize emphasizes offering various diverse innovative essential ensure "
        "ensuring commitment navigate navigating evolving paramount testament vibrant dynamic "
        "holistic resonate interplay noteworthy garnered utilize utilizing utilizes facilitate "
        "facilitates facilitating novel effectively efficiently demonstrate demonstrates "
        "demonstrating"
    ),
}


# Words that open a sentence as a signposting connective.
SENTENCE_OPENERS: dict[str, frozenset[str]] = {
    "de": _words(
        "zudem außerdem darüber insgesamt ferner dabei somit folglich zusammenfassend letztlich "
        "letztendlich insbesondere daher deshalb jedoch dennoch allerdings abschließend"
    ),
    "en": _words(
        "furthermore moreover additionally overall however thus therefore consequently ultimately "
        "notably in finally hence importantly specifically"
    ),
}


PRONOUNS_FIRST: dict[str, frozenset[str]] = {
    "de": _words("ich mich mir mein meine meiner meinem meinen wir uns unser unsere unserer"),
    "en": _words("i me my mine myself we us our ours ourselves"),
}


HEDGES: dict[str, frozenset[str]] = {
    "de": _words("vielleicht wohl vermutlich eventuell möglicherweise eigentlich ziemlich etwas"),
    "en": _words("perhaps maybe probably possibly somewhat rather quite actually seem seems"),
}


NEGATIONS: dict[str, frozenset[str]] = {
    "de": _words("nicht kein keine keinen keinem keiner nie niemals nichts weder"),
    "en": _words("not no never nothing neither nor none cannot"),
}


# Very frequent words of other languages: enough to tell them from German and English.
STOPWORDS: dict[str, frozenset[str]] = {
    "de": _words("der die das und ist nicht zu den von mit sich des auf für im eine dem ein sind wird"),
    "en": _words("the of and to is in that for it with as was on are by this be from which have"),
    "fr": _words("le la les des du un une et est sont pas que qui dans pour sur avec ce cette au aux"),
    "es": _words("el la los las del un una y es son que en por para con no se su al como pero"),
    "it": _words("il lo la gli le di del della un una e è sono che non per con si come anche"),
    "nl": _words("de het een en van is zijn dat niet op met voor ook aan er maar om naar bij"),
    "pt": _words("o a os as de do da um uma e é são que não em para com se por mais como"),
    "sv": _words("och att det som en är på för med av till den har inte de jag om ett"),
    "da": _words("og at det som en er på for med af til den har ikke de jeg om et"),
    "pl": _words("i w na z się nie jest że do to jak po co tak przez dla"),
    "tr": _words("ve bir bu da de için ile ne çok daha gibi olan olarak"),
    "la": _words("et in est non ad cum quod qui quae sed ut per ex"),
}
