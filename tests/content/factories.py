import factory
import wagtail_factories
from django.utils.text import slugify

from content.models import Audience, CourseIndexPage, CoursePage, HomePage, LessonPage


def paragraph(text):
    return {"type": "paragraph", "value": f"<p>{text}</p>"}


class BilingualPageFactory(wagtail_factories.PageFactory):
    """Sets both languages explicitly: a plain `title=` would only write the active language."""

    title_en = factory.Sequence(lambda n: f"Page {n}")
    title_fr = factory.LazyAttribute(lambda obj: f"{obj.title_en} (FR)")
    title = factory.SelfAttribute("title_en")
    slug_en = factory.LazyAttribute(lambda obj: slugify(obj.title_en))
    slug_fr = factory.LazyAttribute(lambda obj: slugify(obj.title_fr))
    slug = factory.SelfAttribute("slug_en")

    class Meta:
        abstract = True


class HomePageFactory(BilingualPageFactory):
    title_en = "PSR Learn"
    title_fr = "PSR Learn"
    slug_en = "home-test"
    slug_fr = "accueil-test"
    intro_en = "<p>Training for sponsors and settlement workers.</p>"
    intro_fr = "<p>Formation pour les répondants et les intervenants.</p>"

    class Meta:
        model = HomePage


class CourseIndexPageFactory(BilingualPageFactory):
    title_en = "Courses"
    title_fr = "Cours"
    intro_en = "<p>Choose your course.</p>"
    intro_fr = "<p>Choisissez votre cours.</p>"

    class Meta:
        model = CourseIndexPage


class CoursePageFactory(BilingualPageFactory):
    title_en = factory.Sequence(lambda n: f"Working with sponsors {n}")
    title_fr = factory.Sequence(lambda n: f"Travailler avec les répondants {n}")
    audience = Audience.SETTLEMENT_WORKERS
    summary_en = "How private sponsorship works."
    summary_fr = "Le fonctionnement du parrainage privé."
    learning_objectives_en = factory.LazyFunction(
        lambda: [{"type": "objective", "value": "Name the three sponsor types."}]
    )
    learning_objectives_fr = factory.LazyFunction(
        lambda: [{"type": "objective", "value": "Nommer les trois types de répondants."}]
    )
    estimated_minutes = 60

    class Meta:
        model = CoursePage


class LessonPageFactory(BilingualPageFactory):
    title_en = factory.Sequence(lambda n: f"Lesson {n}")
    title_fr = factory.Sequence(lambda n: f"Leçon {n}")
    summary_en = "A lesson."
    summary_fr = "Une leçon."
    estimated_minutes = 15
    body_en = factory.LazyFunction(lambda: [paragraph("Sponsors support newcomers.")])
    body_fr = factory.LazyFunction(
        lambda: [paragraph("Les répondants soutiennent les nouveaux arrivants.")]
    )

    class Meta:
        model = LessonPage
