"""Demo content: the bilingual courses in this folder's JSON, plus home and catalogue.

Written from the program reports in shared/seeds; every call is idempotent.
"""

import datetime
import io
import json
import zoneinfo
from pathlib import Path

from django.core.files.images import ImageFile
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from content.models import CourseIndexPage, CoursePage, HomePage, LessonPage
from content.services import move_site_root, page_upsert
from learning.people.models import Cohort, CohortMeeting

DEMO_DIR = Path(__file__).resolve().parent
# The knowledge-exchange course holds the demo events' evaluation survey (events.py).
COURSE_FILES = ("settlement_workers.json", "sponsors.json", "knowledge_exchange.json")

HOME = {
    "title_en": "PSR Learn",
    "title_fr": "PSR Learn",
    "intro_en": (
        "<p>Training for the people who welcome privately sponsored refugees. Settlement "
        "workers learn how private sponsorship works and how to work with sponsors; sponsors "
        "learn what settlement agencies offer and how to connect with them before the newcomers "
        "arrive.</p>"
    ),
    "intro_fr": (
        "<p>De la formation pour les personnes qui accueillent les réfugiés parrainés par le "
        "secteur privé. Les intervenantes et intervenants en établissement découvrent le "
        "fonctionnement du parrainage privé et la façon de collaborer avec les répondants; les "
        "répondants découvrent ce qu'offrent les organismes d'aide à l'établissement et comment "
        "entrer en contact avec eux avant l'arrivée des nouveaux arrivants.</p>"
    ),
}

CATALOGUE = {
    "slug_en": "courses",
    "slug_fr": "cours",
    "title_en": "Courses",
    "title_fr": "Cours",
    "intro_en": (
        "<p>Choose the course written for your role. Each course is self-paced, in English "
        "and in French.</p>"
    ),
    "intro_fr": (
        "<p>Choisissez le cours conçu pour votre rôle. Chaque cours se suit à votre rythme, "
        "en français et en anglais.</p>"
    ),
}

COVER_COLOURS = {
    "settlement_workers": ((11, 92, 122), (233, 242, 248)),
    "sponsors": ((138, 59, 18), (250, 240, 230)),
    "everyone": ((46, 110, 60), (236, 246, 238)),
}


def load_courses():
    return [json.loads((DEMO_DIR / name).read_text(encoding="utf-8")) for name in COURSE_FILES]


def _cover_image(course):
    """A generated cover (two overlapping circles: sponsor and settlement worker meeting)."""
    from PIL import Image as PILImage
    from PIL import ImageDraw

    Image = get_image_model()
    title = f"Cover: {course['title_en']}"
    existing = Image.objects.filter(title=title).first()
    if existing:
        return existing
    ink, paper = COVER_COLOURS.get(course["audience"], ((40, 40, 40), (245, 245, 245)))
    canvas = PILImage.new("RGB", (1280, 640), paper)
    draw = ImageDraw.Draw(canvas)
    draw.ellipse((330, 120, 730, 520), outline=ink, width=18)
    draw.ellipse((550, 120, 950, 520), outline=ink, width=18)
    draw.rectangle((0, 600, 1280, 640), fill=ink)
    buffer = io.BytesIO()
    canvas.save(buffer, format="PNG")
    image = Image(title=title)
    image.file = ImageFile(buffer, name=f"{course['slug_en']}-cover.png")
    image.save()
    return image


def _course_fields(course, image):
    return {
        "title_en": course["title_en"],
        "title_fr": course["title_fr"],
        "slug_fr": course["slug_fr"],
        "audience": course["audience"],
        "summary_en": course["summary_en"],
        "summary_fr": course["summary_fr"],
        "learning_objectives_en": [
            {"type": "objective", "value": text} for text in course["objectives_en"]
        ],
        "learning_objectives_fr": [
            {"type": "objective", "value": text} for text in course["objectives_fr"]
        ],
        "estimated_minutes": course["estimated_minutes"],
        "completion_rule": course.get("completion_rule", "all_lessons"),
        "image": image,
        "image_alt_en": course["image_alt_en"],
        "image_alt_fr": course["image_alt_fr"],
    }


def _quiz_blocks(stream):
    return [block for block in (stream.raw_data if stream else []) if block["type"] == "quiz"]


def _lesson_fields(lesson, existing=None):
    # Quiz blocks are added by the quiz seed (learning/demo/quizzes.py); keep them on re-runs.
    body_en = lesson["body_en"] + (_quiz_blocks(existing.body_en) if existing else [])
    body_fr = lesson["body_fr"] + (_quiz_blocks(existing.body_fr) if existing else [])
    return {
        "title_en": lesson["title_en"],
        "title_fr": lesson["title_fr"],
        "slug_fr": lesson["slug_fr"],
        "summary_en": lesson["summary_en"],
        "summary_fr": lesson["summary_fr"],
        "estimated_minutes": lesson["estimated_minutes"],
        "body_en": body_en,
        "body_fr": body_fr,
    }


def ensure_home():
    root = Page.get_first_root_node()
    home = HomePage.objects.first()
    fields = dict(HOME)
    if home is None:
        home, _ = page_upsert(
            parent=root,
            model=HomePage,
            slug_en="psr-learn",
            fields={**fields, "slug_fr": "psr-learn"},
        )
    else:
        home, _ = page_upsert(parent=root, model=HomePage, slug_en=home.slug_en, fields=fields)
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    else:
        move_site_root(site=site, page=home)
    return home


DEMO_COHORT_CODE = "DEMO2026"


@transaction.atomic
def seed_demo_cohort(*, course, trainer=None):
    """A training session for the sponsor orientation that stays open a year from today, run
    by the demo trainer when there is one (their weekly digest counts it)."""
    today = timezone.localdate()
    cohort, _created = Cohort.objects.get_or_create(
        code=DEMO_COHORT_CODE,
        defaults={
            "course": course,
            "name": "Kingston sponsor orientation (demo)",
            "starts_on": today,
            "ends_on": today + datetime.timedelta(days=365),
            "organisation": "PSR Learn demo",
            "region": "kingston",
        },
    )
    if cohort.ends_on < today + datetime.timedelta(days=30):
        cohort.ends_on = today + datetime.timedelta(days=365)
        cohort.save(update_fields=["ends_on"])
    if trainer is not None and cohort.trainer_id is None:
        cohort.trainer = trainer
        cohort.save(update_fields=["trainer"])
    seed_demo_schedule(cohort=cohort)
    return cohort


def _kingston_time(day, hour, minute=0):
    # Kingston keeps Eastern time; stored in UTC like every time (issue 15).
    local = datetime.datetime.combine(day, datetime.time(hour, minute))
    return timezone.make_aware(local, zoneinfo.ZoneInfo("America/Toronto"))


@transaction.atomic
def seed_demo_schedule(*, cohort):
    """Two meetings and two due dates ahead of today; planned again once they are past."""
    now = timezone.now()
    if cohort.meetings.filter(ends_at__gt=now).exists():
        return
    cohort.meetings.all().delete()
    today = timezone.localdate()
    meetings = [
        (
            14,
            "Pre-arrival Intentional Connection meeting",
            "Rencontre de connexion intentionnelle avant l'arrivée",
        ),
        (
            60,
            "Post-arrival Intentional Connection meeting",
            "Rencontre de connexion intentionnelle après l'arrivée",
        ),
    ]
    for order, (days, title_en, title_fr) in enumerate(meetings):
        starts_at = _kingston_time(today + datetime.timedelta(days=days), 18, 30)
        CohortMeeting.objects.create(
            cohort=cohort,
            sort_order=order,
            title_en=title_en,
            title_fr=title_fr,
            starts_at=starts_at,
            ends_at=starts_at + datetime.timedelta(hours=1, minutes=30),
            place="Community room, 100 Demo Street, Kingston (demo)",
            online_url="https://meet.example.org/psr-learn-demo",
        )
    cohort.post_test_due = _kingston_time(today + datetime.timedelta(days=30), 17)
    cohort.survey_due = _kingston_time(today + datetime.timedelta(days=35), 17)
    cohort.save(update_fields=["post_test_due", "survey_due"])


@transaction.atomic
def seed_demo_content():
    """Home, catalogue and both demo courses. Returns the course pages."""
    # wagtail-modeltranslation adds the Page columns after migrating; fill their English once.
    call_command("update_translation_fields", verbosity=0)
    home = ensure_home()
    catalogue_fields = {key: value for key, value in CATALOGUE.items() if key != "slug_en"}
    catalogue, _ = page_upsert(
        parent=home,
        model=CourseIndexPage,
        slug_en=CATALOGUE["slug_en"],
        fields=catalogue_fields,
    )
    courses = []
    for course in load_courses():
        image = _cover_image(course)
        course_page, _ = page_upsert(
            parent=catalogue,
            model=CoursePage,
            slug_en=course["slug_en"],
            fields=_course_fields(course, image),
        )
        for lesson in course["lessons"]:
            existing = (
                LessonPage.objects.child_of(course_page).filter(slug_en=lesson["slug_en"]).first()
            )
            page_upsert(
                parent=course_page,
                model=LessonPage,
                slug_en=lesson["slug_en"],
                fields=_lesson_fields(lesson, existing),
            )
        courses.append(course_page)
    return courses
