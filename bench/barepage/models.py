"""A bare Wagtail page for bench/lesson_page.py: a title and a body of paragraphs, nothing else.

Installed only by bench/settings.py, never by the site.
"""

from wagtail import blocks
from wagtail.fields import StreamField
from wagtail.models import Page


class BarePage(Page):
    body = StreamField([("paragraph", blocks.RichTextBlock())], blank=True)

    template = "barepage/bare_page.html"
