"""The font files that print names in every script our learners write: Latin (with Vietnamese),
Cyrillic, Arabic (Arabic, Dari, Pashto) and Ethiopic (Tigrinya, Amharic).

Named by file, not by fontconfig family, so that the PDF embeds exactly these and a missing
package is an error rather than a fallback font, or boxes, chosen silently. Debian's
`fonts-noto-core` installs them (README, set-up); `CERTIFICATE_FONT_DIR` points elsewhere.
"""

from pathlib import Path

from django.conf import settings

DEBIAN_FONT_DIR = "/usr/share/fonts/truetype/noto"
FONT_PACKAGE = "fonts-noto-core"

# CSS family → {(weight, style): file}. Listed in this order in `font-family`: Pango takes each
# character from the first family that has it, so Latin and Cyrillic come from Noto Sans, and
# the Arabic and Ethiopic families fill in the scripts it lacks.
FAMILIES = {
    "NotoSans": {
        ("normal", "normal"): "NotoSans-Regular.ttf",
        ("bold", "normal"): "NotoSans-Bold.ttf",
        ("normal", "italic"): "NotoSans-Italic.ttf",
        ("bold", "italic"): "NotoSans-BoldItalic.ttf",
    },
    "NotoSansArabic": {
        ("normal", "normal"): "NotoSansArabic-Regular.ttf",
        ("bold", "normal"): "NotoSansArabic-Bold.ttf",
    },
    "NotoSansEthiopic": {
        ("normal", "normal"): "NotoSansEthiopic-Regular.ttf",
        ("bold", "normal"): "NotoSansEthiopic-Bold.ttf",
    },
}


class FontsMissing(RuntimeError):
    """The font files are not installed: the PDF would print some names as boxes."""


def font_dir():
    return Path(getattr(settings, "CERTIFICATE_FONT_DIR", None) or DEBIAN_FONT_DIR)


def font_files():
    """Every font file used, absolute."""
    folder = font_dir()
    return [folder / name for faces in FAMILIES.values() for name in faces.values()]


def missing_fonts():
    return [path for path in font_files() if not path.is_file()]


def check_fonts():
    """Raise FontsMissing, saying what to install, unless every font file is there."""
    missing = missing_fonts()
    if missing:
        raise FontsMissing(
            f"Font files missing: {', '.join(str(path) for path in missing)}. "
            f"Install them with `apt-get install {FONT_PACKAGE}` (README, set-up), "
            "or set CERTIFICATE_FONT_DIR to a folder that holds them."
        )


def font_face_css():
    """@font-face rules for every file, by absolute file URL."""
    rules = []
    for family, faces in FAMILIES.items():
        for (weight, style), name in faces.items():
            url = (font_dir() / name).as_uri()
            rules.append(
                f'@font-face {{ font-family: "{family}"; font-weight: {weight}; '
                f'font-style: {style}; src: url("{url}"); }}'
            )
    return "\n".join(rules)


def font_family_css():
    """The `font-family` value: every family, in the order characters are looked up."""
    return ", ".join(f'"{family}"' for family in FAMILIES)
