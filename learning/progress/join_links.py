"""A training session's join links, one per language of the site (issue 16): the page each
opens, and the sign-in it leads to, stay in that language, so a trainer hands French speakers
the French link."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

# Each link's name as a French admin writes it too: "Lien d'accès (français)", not "(Français)".
JOIN_LINK_LABELS = {"en": _("Join link (English)"), "fr": _("Join link (French)")}


def join_url(request, cohort, language=None):
    """The link a trainer shares, in `language` (/fr/learning/join/CODE/), by default the
    site's (/en/…)."""
    with translation.override(language or settings.LANGUAGE_CODE):
        path = reverse("join_link", args=[cohort.code])
    return request.build_absolute_uri(path)


def join_urls(request, cohort):
    """[(language code, label, link)] for every language of the site."""
    return [
        (code, JOIN_LINK_LABELS.get(code, name), join_url(request, cohort, code))
        for code, name in settings.LANGUAGES
    ]
