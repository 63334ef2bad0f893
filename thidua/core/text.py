"""Vietnamese text: one normalisation for search, one key for name order.

`fold` is what every search column stores and every query is passed through, so a
search for "duc xuan" finds "Đức Xuân" on SQLite and PostgreSQL alike without any
database extension. `name_sort_key` orders people the Vietnamese way: by given name
(the last word), then family and middle names, with the Vietnamese alphabet
(a ă â b c d đ e ê …) and tones as a secondary key.
"""

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def fold(text: str | None) -> str:
    """Lower-case, strip diacritics (đ → d) and collapse whitespace."""
    if not text:
        return ""
    text = text.replace("đ", "d").replace("Đ", "d")
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return _SPACES.sub(" ", stripped.lower()).strip()


# Vietnamese alphabet order; f, j, w, z appear in loanwords and sort where Latin puts them.
_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_LETTER_CODE = {ch: f"{i + 10:02d}" for i, ch in enumerate(_ALPHABET)}
_TONES = {"\u0300": "2", "\u0309": "3", "\u0303": "4", "\u0301": "5", "\u0323": "6"}
_BASE_MARKS = {"\u0306", "\u0302", "\u031b"}  # breve, circumflex, horn: part of the letter


def _letters(word: str) -> tuple[str, str]:
    """Return (letter codes, tone digits) for one word, both made only of digits."""
    primary, tones = [], []
    for ch in unicodedata.normalize("NFC", word.lower()):
        decomposed = unicodedata.normalize("NFD", ch)
        tone = "1"
        base = ""
        for part in decomposed:
            if part in _TONES:
                tone = _TONES[part]
            else:
                base += part
        base = unicodedata.normalize("NFC", base)
        if base in _LETTER_CODE:
            primary.append(_LETTER_CODE[base])
            tones.append(tone)
        elif base.isdigit():
            primary.append(f"0{base}")
            tones.append("1")
    return "".join(primary), "".join(tones)


def name_sort_key(full_name: str) -> str:
    """A digits-only key, so byte order and every database collation agree."""
    words = full_name.split()
    if not words:
        return ""
    ordered = [words[-1], *words[:-1]]
    primary = "00".join(_letters(w)[0] for w in ordered)
    secondary = "0".join(_letters(w)[1] for w in ordered)
    return f"{primary}000{secondary}"[:250]


def given_name(full_name: str) -> str:
    words = full_name.split()
    return words[-1] if words else ""
