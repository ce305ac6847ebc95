"""A page's ancestors and whether any of them is private, in one query (issue 11).

Serving a page, Wagtail checks the view restrictions of the page and every ancestor: one query
for the ancestors (and which are aliases), one for the restrictions. The breadcrumbs then read
the ancestors again. Here one query loads the ancestors with a flag saying whether each, or the
page it is an alias of, has a restriction; the restrictions themselves are read only when one
does (rare: a private page), and the breadcrumbs reuse the same rows.
"""

from django.db.models import Exists, OuterRef, Q
from wagtail.models import Page, PageViewRestriction


class AncestorsInOneQuery:
    """Mixed into the site's page types, before `Page`."""

    def _lineage(self):
        """The root, every ancestor and this page's own row, each flagged `is_restricted`."""
        if "_lineage_rows" not in self.__dict__:
            paths = [
                self.path[:end] for end in range(self.steplen, len(self.path) + 1, self.steplen)
            ]
            restricted = PageViewRestriction.objects.filter(
                Q(page_id=OuterRef("pk")) | Q(page_id=OuterRef("alias_of_id"))
            )
            self.__dict__["_lineage_rows"] = list(
                Page.objects.filter(path__in=paths)
                .annotate(is_restricted=Exists(restricted), **self.lineage_annotations())
                .order_by("path")
            )
        return self.__dict__["_lineage_rows"]

    def lineage_annotations(self):
        """More for the same query: what a page type needs of its ancestors' rows."""
        return {}

    def lineage_parent(self):
        """The parent's row (a plain Page, with `lineage_annotations`), from the same query."""
        parent_path = self.path[: -self.steplen]
        return next(page for page in self._lineage() if page.path == parent_path)

    def lineage_self(self):
        """This page's own row from the same query, with `lineage_annotations`."""
        return next(page for page in self._lineage() if page.path == self.path)

    def get_view_restrictions(self):
        # As Wagtail's: this page's and its ancestors' restrictions, an alias's from its source.
        ids = {page.alias_of_id or page.pk for page in self._lineage() if page.is_restricted}
        if not ids:
            return PageViewRestriction.objects.none()
        return PageViewRestriction.objects.filter(page_id__in=ids)

    @property
    def breadcrumb_ancestors(self):
        """The ancestors a reader sees in the breadcrumbs: all but the tree's root."""
        return [page for page in self._lineage() if page.path != self.path][1:]
