"""Text the standard PDF fonts (Helvetica, WinAnsi encoding) can draw."""

import unicodedata


def latin1_safe(text):
    """Keep what the standard PDF fonts can draw (WinAnsi); approach the rest, never a black box.

    "é", "ç", "à", "œ" print as they are; "ễ" becomes "ê", "ş" becomes "s". Characters with no
    Latin equivalent at all become "?" rather than a missing glyph.
    """
    out = []
    for char in unicodedata.normalize("NFC", text):
        if _encodable(char):
            out.append(char)
            continue
        base, *marks = unicodedata.normalize("NFD", char)
        # Drop combining marks from the end until the letter fits: ễ → ê → e.
        for keep in range(len(marks), -1, -1):
            candidate = unicodedata.normalize("NFC", base + "".join(marks[:keep]))
            if _encodable(candidate):
                out.append(candidate)
                break
        else:
            out.append(_FALLBACK.get(char, "?"))
    return "".join(out)


# Letters with a stroke or dotless forms do not decompose: their nearest Latin-1 letter.
_FALLBACK = {"Ł": "L", "ł": "l", "Đ": "D", "đ": "d", "Ħ": "H", "ħ": "h", "ı": "i", "ŀ": "l"}


def _encodable(text):
    try:
        text.encode("cp1252")
    except UnicodeEncodeError:
        return False
    return True
