"""Rendering a lesson's stream, with the blocks that are the same for every reader cached.

A run of such blocks (text, headings, images, videos, tables…) renders to the same HTML for
everyone who reads this revision of the page in this language, so it is kept in the `renders`
cache under the page's live revision: a publish makes a new revision, hence new keys, and
nothing is ever served stale from an edit (issue 11). Quiz and H5P blocks show each learner's
own state and are rendered on every request. Previews are never cached.
"""

from django import template
from django.core.cache import caches
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

register = template.Library()

# Blocks whose HTML depends on who reads it (their state, a CSRF token).
PER_READER_BLOCKS = {"quiz", "h5p"}
CACHE_SECONDS = 60 * 60


def _render(blocks, context):
    # As {% include_block %} does: each block sees the page's context, flattened.
    flat = context.flatten()
    return "".join(block.render_as_block(flat) for block in blocks)


def _runs(stream):
    """The stream as (cacheable, [blocks]) runs, in order."""
    runs = []
    for block in stream:
        cacheable = block.block_type not in PER_READER_BLOCKS
        if runs and runs[-1][0] == cacheable:
            runs[-1][1].append(block)
        else:
            runs.append((cacheable, [block]))
    return runs


@register.simple_tag(takes_context=True)
def lesson_stream(context, stream, page, stream_language):
    request = context.get("request")
    revision = getattr(page, "live_revision_id", None)
    use_cache = revision is not None and not getattr(request, "is_preview", False)
    cache = caches["renders"]
    parts = []
    for index, (cacheable, blocks) in enumerate(_runs(stream)):
        if not (cacheable and use_cache):
            parts.append(_render(blocks, context))
            continue
        # The interface language too: block templates carry translated labels ("Tip").
        # With the publication time: an id can come back after a deletion, a time does not.
        published = page.last_published_at.timestamp() if page.last_published_at else ""
        key = (
            f"lesson-stream:{page.pk}:{revision}:{published}:{stream_language}:"
            f"{get_language()}:{index}"
        )
        html = cache.get(key)
        if html is None:
            html = _render(blocks, context)
            cache.set(key, html, CACHE_SECONDS)
        parts.append(html)
    return mark_safe("".join(parts))  # noqa: S308 - each part is a block's own escaped output
