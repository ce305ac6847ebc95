import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import OuterRef, Subquery
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from . import extensions
from .admin_bilingual import (
    FrenchCheckedPageForm,
    bilingual,
    page_content_panels,
    page_promote_panels,
)
from .ancestors import AncestorsInOneQuery
from .blocks import RICH_TEXT_FEATURES, LessonStreamBlock
from .h5p.selectors import activity_results, stream_package_ids
from .page_admin import BilingualAdminPage


class Audience(models.TextChoices):
    SETTLEMENT_WORKERS = "settlement_workers", _("Settlement workers")
    SPONSORS = "sponsors", _("Sponsors")
    EVERYONE = "everyone", _("Everyone")


class CompletionRule(models.TextChoices):
    ALL_LESSONS = "all_lessons", _("All lessons complete")
    POST_TEST_PASSED = "post_test_passed", _("All lessons complete and the post-test passed")
    SURVEY_SUBMITTED = (
        "survey_submitted",
        _("All lessons complete and the evaluation survey submitted"),
    )
    POST_TEST_AND_SURVEY = (
        "post_test_and_survey",
        _("All lessons complete, the post-test passed and the evaluation survey submitted"),
    )


class HomePage(AncestorsInOneQuery, BilingualAdminPage, Page):
    intro = RichTextField(_("introduction"), features=RICH_TEXT_FEATURES, blank=True)
    body = StreamField(LessonStreamBlock(), verbose_name=_("body"), blank=True)

    # English and French side by side, publishing checked for French (content/admin_bilingual.py).
    content_panels = page_content_panels(bilingual("intro"), bilingual("body", stream=True))
    promote_panels = page_promote_panels()
    base_form_class = FrenchCheckedPageForm
    subpage_types = ["content.CourseIndexPage"]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(
            extensions.catalogue_context(user=request.user, courses=selectors.course_catalogue())
        )
        context["catalogue"] = CourseIndexPage.objects.live().first()
        return context


class CourseIndexPage(AncestorsInOneQuery, BilingualAdminPage, Page):
    intro = RichTextField(_("introduction"), features=RICH_TEXT_FEATURES, blank=True)

    content_panels = page_content_panels(bilingual("intro"))
    promote_panels = page_promote_panels()
    base_form_class = FrenchCheckedPageForm
    subpage_types = ["content.CoursePage"]
    parent_page_types = ["content.HomePage"]

    class Meta:
        verbose_name = _("course catalogue")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        audience = request.GET.get("audience", "")
        if audience not in Audience.values:
            audience = ""
        courses = selectors.course_catalogue(index=self, audience=audience or None)
        context["audience"] = audience
        context["audiences"] = Audience.choices
        context.update(extensions.catalogue_context(user=request.user, courses=courses))
        return context


class CoursePage(AncestorsInOneQuery, BilingualAdminPage, Page):
    audience = models.CharField(
        _("audience"), max_length=32, choices=Audience.choices, default=Audience.EVERYONE
    )
    summary = models.TextField(_("summary"), help_text=_("One to three sentences."))
    learning_objectives = StreamField(
        [("objective", blocks.CharBlock(label=_("Objective"), max_length=300))],
        verbose_name=_("learning objectives"),
        blank=True,
    )
    estimated_minutes = models.PositiveIntegerField(_("estimated time (minutes)"), default=60)
    completion_rule = models.CharField(
        _("completion rule"),
        max_length=32,
        choices=CompletionRule.choices,
        default=CompletionRule.ALL_LESSONS,
        help_text=_("What a learner must do for the course to count as complete."),
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image_alt = models.CharField(
        _("image alternative text"),
        max_length=250,
        blank=True,
        help_text=_("Describe the image for people who cannot see it."),
    )

    search_fields = Page.search_fields + [index.SearchField("summary")]
    content_panels = page_content_panels(
        MultiFieldPanel(
            [
                FieldPanel("audience"),
                FieldPanel("estimated_minutes"),
                FieldPanel("completion_rule"),
            ],
            heading=_("Audience and completion"),
        ),
        bilingual("summary"),
        bilingual("learning_objectives", stream=True),
        MultiFieldPanel([FieldPanel("image"), bilingual("image_alt")], heading=_("Image")),
    )
    promote_panels = page_promote_panels()
    base_form_class = FrenchCheckedPageForm
    subpage_types = ["content.LessonPage"]
    parent_page_types = ["content.CourseIndexPage"]

    class Meta:
        verbose_name = _("course")

    def clean(self):
        super().clean()
        # Images are never decorative here: a course image without alt text is refused.
        if self.image_id and not getattr(self, "image_alt_en", ""):
            raise ValidationError({"image_alt_en": _("An image needs alternative text.")})

    # Shown at the top of the course page: loaded with the page (content/routing.py).
    route_select_related = ("image",)

    def lineage_annotations(self):
        # The outline's version, on this page's own row (content/outline.py).
        return {"outline_version_key": outline_version_subquery()}

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The lessons from this process's copy of the outline at the course's current version,
        # which came with the ancestors query (issue 11): no query for them.
        self.outline_version_key = self.lineage_self().outline_version_key
        outline = course_outline(
            course=self, course_url=self.get_url(request), language=get_language()
        )
        progress = extensions.course_progress(
            user=request.user, course=self, lessons=outline.entries
        )
        context["progress"] = progress
        context["lessons"] = outline.entries
        context["lesson_items"] = outline.list_items_html(
            done_ids=progress.completed_lesson_ids if progress else ()
        )
        return context


class LessonPage(AncestorsInOneQuery, BilingualAdminPage, Page):
    summary = models.TextField(_("summary"), blank=True)
    estimated_minutes = models.PositiveIntegerField(_("estimated time (minutes)"), default=15)
    body = StreamField(LessonStreamBlock(), verbose_name=_("body"), blank=True)

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
    ]
    content_panels = page_content_panels(
        bilingual("summary"),
        FieldPanel("estimated_minutes"),
        bilingual("body", stream=True),
    )
    promote_panels = page_promote_panels()
    base_form_class = FrenchCheckedPageForm
    subpage_types = []
    parent_page_types = ["content.CoursePage"]

    class Meta:
        verbose_name = _("lesson")

    def lineage_annotations(self):
        # The course outline's version (content/outline.py) and its completion rule (the
        # learner's path after the last lesson, learning/progress/path.py), on the parent's row.
        rules = CoursePage.objects.filter(pk=OuterRef("pk")).values("completion_rule")[:1]
        return {
            "outline_version_key": outline_version_subquery(),
            "course_completion_rule": Subquery(rules),
        }

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The course's row and its outline's version came with the ancestors (one query for
        # them, the privacy check and the breadcrumbs): no query of its own.
        course = self.lineage_parent()
        course_url = course.get_url(request)
        # The outline from this process's copy of the course's current version (content/outline.py).
        outline = course_outline(course=course, course_url=course_url, language=get_language())
        progress = extensions.course_progress(
            user=request.user, course=course, lessons=outline.entries
        )
        context["progress"] = progress
        context.update(
            selectors.lesson_navigation(
                lesson=self, course=course, lessons=outline.entries, course_url=course_url
            )
        )
        context["outline_items"] = outline.items_html(
            current_id=self.pk, done_ids=progress.completed_lesson_ids if progress else ()
        )
        context["body"], context["body_language"] = selectors.lesson_body(
            lesson=self, language=get_language()
        )
        # The learner's result in each of the stream's H5P activities, for its blocks: one
        # query for all of them, none without an activity or a signed-in learner.
        context["h5p_results"] = activity_results(
            user=request.user, package_ids=stream_package_ids(context["body"])
        )
        return context


def outline_version_subquery(course_ref="pk"):
    """The outline version of the course whose id is `course_ref`, as an annotation."""
    versions = CourseOutlineVersion.objects.filter(course_id=OuterRef(course_ref))
    return Subquery(versions.values("version")[:1])


class CourseOutlineVersion(models.Model):
    """Changes whenever a lesson under the course does: part of the key of each process's copy
    of the course outline (content/outline.py), so no copy outlives a change."""

    course = models.OneToOneField(
        CoursePage,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="outline_version",
        verbose_name=_("course"),
    )
    version = models.UUIDField(_("version"), default=uuid.uuid4)

    class Meta:
        verbose_name = _("course outline version")

    def __str__(self):
        return f"{self.course_id}: {self.version}"


# H5P packages live in their own module; imported here so Django finds the models.
# The pages' reads; content.selectors imports the page classes above, so it comes last.
from . import selectors  # noqa: E402

# Strings the same in both languages on purpose (content/french_exemptions.py).
from .french_exemptions import FrenchExemption  # noqa: E402, F401
from .h5p.models import H5PPackage, H5PRefusedStatement, H5PResult, H5PUserState  # noqa: E402, F401
from .outline import course_outline  # noqa: E402
