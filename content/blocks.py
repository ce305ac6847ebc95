"""StreamField blocks for lesson bodies. Templates live in templates/blocks/."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

from . import extensions
from .h5p.player import player_config

LESSON = "content.LessonPage"

RICH_TEXT_FEATURES = ["bold", "italic", "ol", "ul", "link", "document-link"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Text"), max_length=200)
    # The page title is the only h1, so lessons start their sections at h2.
    level = blocks.ChoiceBlock(
        label=_("Level"),
        choices=[("h2", _("Section (h2)")), ("h3", _("Sub-section (h3)"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "blocks/heading_block.html"


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        max_length=250,
        help_text=_("Describe the image for people who cannot see it. Required."),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "blocks/image_block.html"


class VideoBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    video = EmbedBlock(label=_("Video URL"), help_text=_("A YouTube or Vimeo address."))
    transcript = blocks.RichTextBlock(
        label=_("Transcript"),
        features=RICH_TEXT_FEATURES,
        help_text=_("Required: learners who cannot hear or play the video read this instead."),
    )

    class Meta:
        icon = "media"
        label = _("Video")
        template = "blocks/video_block.html"


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        label=_("Kind"),
        choices=[("tip", _("Tip")), ("important", _("Important"))],
        default="tip",
    )
    title = blocks.CharBlock(label=_("Title"), required=False, max_length=200)
    body = blocks.RichTextBlock(label=_("Text"), features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "warning"
        label = _("Callout")
        template = "blocks/callout_block.html"


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(
        label=_("Link text"),
        required=False,
        max_length=200,
        help_text=_("Defaults to the document's title."),
    )
    description = blocks.TextBlock(label=_("Description"), required=False)

    class Meta:
        icon = "doc-full"
        label = _("Document download")
        template = "blocks/document_block.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quotation"))
    attribution = blocks.CharBlock(label=_("Attribution"), required=False, max_length=200)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "blocks/quote_block.html"


class Responsibility:
    SPONSOR = "sponsor"
    SETTLEMENT_WORKER = "settlement_worker"
    SHARED = "shared"
    CHOICES = [
        (SPONSOR, _("Sponsor")),
        (SETTLEMENT_WORKER, _("Settlement worker")),
        (SHARED, _("Shared")),
    ]


class RoleDivisionRowBlock(blocks.StructBlock):
    task = blocks.CharBlock(label=_("Task"), max_length=300)
    responsibility = blocks.ChoiceBlock(
        label=_("Who does it"), choices=Responsibility.CHOICES, default=Responsibility.SHARED
    )
    note = blocks.CharBlock(label=_("Note"), required=False, max_length=300)

    class Meta:
        icon = "list-ul"
        label = _("Task")


class RoleDivisionTableBlock(blocks.StructBlock):
    """Who does what: each task is the sponsor's, the settlement worker's, or shared."""

    caption = blocks.CharBlock(label=_("Caption"), max_length=200)
    rows = blocks.ListBlock(RoleDivisionRowBlock(), label=_("Tasks"), min_num=1)

    class Meta:
        icon = "table"
        label = _("Role-division table")
        template = "blocks/role_division_table_block.html"


class QuizBlock(blocks.StructBlock):
    quiz = SnippetChooserBlock("quizzes.Quiz", label=_("Quiz or survey"))
    required = blocks.BooleanBlock(
        label=_("Required to complete the lesson"),
        required=False,
        default=False,
        help_text=_("The lesson is complete when the learner passes this quiz."),
    )

    class Meta:
        icon = "form"
        label = _("Quiz")
        template = "blocks/quiz_block.html"


class H5PBlock(blocks.StructBlock):
    """An H5P activity. Each language has its own stream, so each can use its own package."""

    package = SnippetChooserBlock("content.H5PPackage", label=_("H5P package"))
    # Ticked, saving the lesson makes the quiz and fills `quiz` in (clean() below): trainers
    # no longer make a quiz by hand first (issue 16).
    score = blocks.BooleanBlock(
        label=_("Score this activity"),
        required=False,
        default=False,
        help_text=_(
            "Keeps each learner's score as a quiz result. A quiz is made and chosen below when "
            "you save, unless you choose one yourself."
        ),
    )
    quiz = SnippetChooserBlock(
        "quizzes.Quiz",
        label=_("Record results as"),
        required=False,
        help_text=_(
            "Optional: a quiz whose first scored question receives the activity's score, so it "
            "counts like an answer to that quiz. Scores are reported by the learner's browser."
        ),
    )
    required = blocks.BooleanBlock(
        label=_("Required to complete the lesson"),
        required=False,
        default=False,
        help_text=_(
            "The lesson is complete when the learner reaches the quiz's pass mark, or a "
            "full score when no quiz is chosen."
        ),
    )

    class Meta:
        icon = "media"
        label = _("H5P activity")
        template = "blocks/h5p_block.html"

    def clean(self, value):
        value = super().clean(value)
        package = value.get("package")
        if value.get("score") and value.get("quiz") is None and package is not None:
            # The same quiz whenever asked for the same package: a form refused for another
            # field and sent again links the quiz made the first time.
            quiz = extensions.h5p_scoring_quiz(package=package)
            if quiz is None:
                raise StructBlockValidationError(
                    block_errors={
                        "score": ValidationError(_("Results cannot be scored on this site."))
                    }
                )
            value["quiz"] = quiz
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        request = context.get("request")
        package = value.get("package")
        if request is not None and package is not None:
            page = context.get("page")
            # Results are kept per lesson; the home page's stream has no lesson to report.
            lesson = page if getattr(page, "_meta", None) and page._meta.label == LESSON else None
            context["player"] = player_config(request=request, package=package, lesson=lesson)
            context["player_config_id"] = f"{context['player']['id']}-config"
            # The learner's best result, read by the lesson page for all its activities at
            # once (content.h5p.selectors.activity_results).
            context["h5p_result"] = (context.get("h5p_results") or {}).get(package.pk)
        return context


class LessonStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Rich text"), features=RICH_TEXT_FEATURES, icon="pilcrow"
    )
    image = ImageBlock()
    video = VideoBlock()
    callout = CalloutBlock()
    document = DocumentBlock()
    quote = QuoteBlock()
    role_table = RoleDivisionTableBlock()
    quiz = QuizBlock()
    h5p = H5PBlock()
