"""Portuguese text analysis: case and accent folding, words, stopwords and Snowball stems."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from itertools import chain

import snowballstemmer


def _accent_table() -> dict[int, str]:
    """Map every precomposed Latin letter to its base letter, one character for one.

    Keeping folding one-to-one means an offset in the folded text is the same offset in the text
    a person reads, so highlights land on the right letters without a second pass.
    """
    table: dict[int, str] = {}
    for code in range(0xC0, 0x250):
        char = chr(code)
        decomposed = unicodedata.normalize("NFD", char)
        base = decomposed[0]
        if len(decomposed) > 1 and base.isascii() and base.isalpha():
            table[code] = base.lower()
    return table


_ACCENTS = _accent_table()

WORD_PATTERN = re.compile(r"[^\W_]+")
"""A run of letters or digits: punctuation, spaces and underscores separate words."""

# Portuguese stopwords (the usual Snowball/NLTK list, folded), plus the words partners wrap around
# a question ("quero", "preciso", "gostaria") that say nothing about what they are looking for.
_STOPWORD_TEXT = """
a ao aos aquela aquelas aquele aqueles aquilo as ate com como da das de dela delas dele deles
depois do dos e ela elas ele eles em entre era eram essa essas esse esses esta estas este estes
eu foi fomos for foram fosse ha isso isto ja la lhe lhes mais mas me mesmo meu meus minha minhas
muito na nas nem no nos nossa nossas nosso nossos num numa o os ou para pela pelas pelo pelos
por qual quando que quem se sem ser seu seus so sua suas tambem te tem ter teu tua um uma umas
uns voce voces vos pra pro pros pras nao sim estou estao sou somos tenho tinha
quero queria preciso precisava gostaria gostava saber sobre faco fazer posso pode podem consigo
vai vou vao ola oi favor obrigado obrigada alguem algum alguma
"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())

_stemmer = snowballstemmer.stemmer("portuguese")


def fold(text: str) -> str:
    """Lower-case ``text`` and strip its accents, keeping its length (``Licença`` → ``licenca``)."""
    text = unicodedata.normalize("NFC", text)
    lowered = text.lower()
    if len(lowered) != len(text):
        # A handful of characters lower-case into two ("İ"); keep those as they are.
        lowered = "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)
    return lowered.translate(_ACCENTS)


def words(text: str) -> list[str]:
    """The folded words of ``text`` worth searching for: no stopwords, no single letters."""
    return [w for w in WORD_PATTERN.findall(fold(text)) if is_meaningful(w)]


def is_meaningful(word: str) -> bool:
    """Whether a folded word carries meaning for search (not a stopword or a stray letter)."""
    return word not in STOPWORDS and (len(word) > 1 or word.isdigit())


# Folding drops the tilde and the cedilla the Portuguese stemmer needs to recognise "-ção" and
# "-ões" suffixes, so "devolucao" and "devolução" would get different stems. Putting the marks
# back on these endings (they are almost never written without them in real words) makes both
# spellings meet at the same stem.
_NASAL_ENDINGS = (("coes", "ções"), ("cao", "ção"), ("oes", "ões"), ("aes", "ães"), ("ao", "ão"))


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The folded Snowball Portuguese stem of a folded word (``cancelamento`` → ``cancel``)."""
    if word.isdigit() or len(word) < 3:
        return word
    for plain, marked in _NASAL_ENDINGS:
        if word.endswith(plain):
            word = word[: -len(plain)] + marked
            break
    return fold(_stemmer.stemWord(word))


class Analyzer(dict[str, tuple[str, ...]]):
    """Turns texts into stems, remembering every piece of text (``licença,``) it has seen.

    A help center repeats the same pieces over and over, so each is analysed once and afterwards
    only looked up: a text's pieces are mapped to their stems and flattened in C (``chain`` over
    ``map``), which is what keeps indexing 10,000 articles within the time the app can spend on
    it. The stems handed out are the very strings kept here, so their hashes are computed once.
    ``words`` collects every meaningful folded word seen.
    """

    def __init__(self) -> None:
        super().__init__()
        self.words: set[str] = set()
        """Every meaningful folded word of the texts analysed."""

    def __missing__(self, chunk: str) -> tuple[str, ...]:
        if chunk.isalnum():  # most pieces are one plain word
            found = [chunk.translate(_ACCENTS)]
        else:
            found = WORD_PATTERN.findall(chunk.translate(_ACCENTS))
        found = [w for w in found if is_meaningful(w)]
        self.words.update(found)
        value = tuple(stem(w) for w in found)
        self[chunk] = value
        return value

    def stems(self, text: str) -> list[str]:
        """The stems of ``text`` in order, stopwords left out."""
        if not unicodedata.is_normalized("NFC", text):
            text = unicodedata.normalize("NFC", text)
        return list(chain.from_iterable(map(self.__getitem__, text.lower().split())))


def analyze(text: str) -> list[str]:
    """The stems of ``text`` in order, stopwords left out: what the index stores."""
    return [stem(w) for w in words(text)]
