"""Tokenising with character offsets, sentence ends and 150-word windows.

Everything works on the ORIGINAL text so that passages can be highlighted exactly; normalisation
(NFKC, lower case, one quote and one dash character) is applied per token, never to the whole text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# A word may contain soft hyphens (PDF extraction) and inner hyphens/apostrophes; numbers keep
# their decimal separators. Format characters (zero-width, BOM) are neither words nor punctuation.
_TOKEN = re.compile(
    r"(?P<num>\d+(?:[.,]\d+)*)"
    r"|(?P<word>[^\W\d_](?:[^\W_]|\u00ad)*(?:['’\-‐][^\W_](?:[^\W_]|\u00ad)*)*)"
    r"|(?P<punct>[^\w\s\u00ad\u200b-\u200f\u2060\ufeff])"
)
_QUOTES = str.maketrans({c: '"' for c in "„“”«»‚‘‹›\"'`´"} | {c: "-" for c in "–—―‒‐−"})
SENTENCE_END = frozenset(".!?")
WINDOW_WORDS = 150


@dataclass(frozen=True, slots=True)
class Token:
    """One token: normalised form, kind ("w" word, "n" number, "p" punctuation), span, capitalised."""

    norm: str
    kind: str
    start: int
    end: int
    cap: bool = False


def _normalise_word(raw: str) -> str:
    """Lower-case NFKC form without soft hyphens; typographic apostrophes become plain ones."""
    text = raw.replace("\u00ad", "")
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text).replace("’", "'").replace("‐", "-")
    return text.lower()


def tokenise(text: str) -> list[Token]:
    """Split `text` into word, number and punctuation tokens with offsets into `text`."""
    tokens: list[Token] = []
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup
        raw = match.group()
        if kind == "word":
            tokens.append(Token(_normalise_word(raw), "w", match.start(), match.end(), raw[0].isupper()))
        elif kind == "num":
            tokens.append(Token("0", "n", match.start(), match.end()))
        else:
            norm = unicodedata.normalize("NFKC", raw).translate(_QUOTES)
            tokens.append(Token(norm, "p", match.start(), match.end()))
    return tokens


def count_words(tokens: list[Token]) -> int:
    """Words and numbers count as words, punctuation does not."""
    return sum(1 for t in tokens if t.kind != "p")


def windows(tokens: list[Token], size: int = WINDOW_WORDS) -> list[tuple[int, int]]:
    """Cut tokens into windows of about `size` words, as (first, last+1) token indices.

    A window ends at the sentence end nearest to `size` words (between 2/3 and 4/3 of it) so that
    highlighted passages read as whole sentences; a remainder under half a window joins the last one.
    Equal-length windows are what removes the length confound between short and long texts.
    """
    word_idx = [i for i, t in enumerate(tokens) if t.kind != "p"]
    if not word_idx:
        return []
    lo, hi, half = (size * 2) // 3, (size * 4) // 3, size // 2
    bounds: list[tuple[int, int]] = []
    first = 0  # index into word_idx
    while len(word_idx) - first > hi:
        # Never leave a remainder shorter than half a window behind the cut.
        last_k = min(first + hi, len(word_idx) - half)
        ends = [k + 1 for k in range(first + lo, last_k) if _ends_sentence(tokens, word_idx[k] + 1)]
        cut = min(ends, key=lambda e: abs(e - first - size)) if ends else first + size
        bounds.append((first, cut))
        first = cut
    bounds.append((first, len(word_idx)))
    # Convert word positions into token ranges; trailing punctuation belongs to the window before.
    spans = []
    for i, (a, b) in enumerate(bounds):
        start = word_idx[a] if i else 0
        end = word_idx[b] if b < len(word_idx) else len(tokens)
        spans.append((start, end))
    return spans


def _ends_sentence(tokens: list[Token], i: int) -> bool:
    """A . ! or ? at token i ends a sentence unless it closes an abbreviation or a lower-case word follows."""
    if i >= len(tokens) or tokens[i].norm not in SENTENCE_END:
        return False
    if i and tokens[i - 1].kind == "w" and len(tokens[i - 1].norm) == 1:
        return False  # an abbreviation such as "z. B." or "e.g."
    nxt = i + 1
    return nxt >= len(tokens) or tokens[nxt].kind != "w" or tokens[nxt].cap


def sentences(tokens: list[Token]) -> list[int]:
    """Word counts of the sentences in `tokens`."""
    lengths: list[int] = []
    current = 0
    for i, tok in enumerate(tokens):
        if tok.kind != "p":
            current += 1
        elif current and _ends_sentence(tokens, i):
            lengths.append(current)
            current = 0
    if current:
        lengths.append(current)
    return lengths
