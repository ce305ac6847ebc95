import pytest
from django.contrib.auth.models import Group
from django.core.cache import caches
from django.core.management import call_command
from django.db import connections
from django.db.utils import ConnectionHandler
from django.utils import translation
from wagtail.models import Page, Site

from content.services import move_site_root
from learning.in_process import InProcessCache
from learning.roles import PROGRAM_LEADS, TRAINERS
from tests.content.factories import (
    CourseIndexPageFactory,
    CoursePageFactory,
    HomePageFactory,
    LessonPageFactory,
)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    # wagtail-modeltranslation adds the Page columns after migrating; give the pages Wagtail
    # creates (root, welcome page) their English values, as `make run` does.
    with django_db_blocker.unblock():
        call_command("update_translation_fields", verbosity=0)
    _keep_serialized_contents_on_new_connections()


def _keep_serialized_contents_on_new_connections():
    """Serialized rollback (browser tests) reloads the migrated data from the connection.

    Connections are context-local, and Playwright's sync API runs tests in a new context, so
    the connection there is a fresh object without the data Django serialized at set-up: the
    first browser test after other tests then found an empty database. Give new connections
    the same serialized contents.
    """
    contents = {
        alias: connections[alias]._test_serialized_contents
        for alias in connections
        if hasattr(connections[alias], "_test_serialized_contents")
    }
    if not contents or getattr(ConnectionHandler, "_psr_keeps_contents", False):
        return
    create_connection = ConnectionHandler.create_connection

    def create_connection_with_contents(self, alias):
        connection = create_connection(self, alias)
        if alias in contents:
            connection._test_serialized_contents = contents[alias]
        return connection

    ConnectionHandler.create_connection = create_connection_with_contents
    ConnectionHandler._psr_keeps_contents = True


@pytest.fixture(autouse=True)
def empty_caches():
    """Each test starts with empty caches: rolled-back rows give their ids to the next test."""
    for cache in caches.all():
        cache.clear()
    InProcessCache.clear_all()


@pytest.fixture(autouse=True)
def english_by_default():
    # A request to /fr/ leaves French active in the thread: start and end every test in English.
    translation.activate("en")
    yield
    translation.activate("en")


# People in each role; learners with a profile come from tests/learning/factories.py.
@pytest.fixture
def trainer(django_user_model):
    user = django_user_model.objects.create_user("trainer", "trainer@example.org", "pw")
    user.groups.add(Group.objects.get(name=TRAINERS))
    return user


@pytest.fixture
def program_lead(django_user_model):
    user = django_user_model.objects.create_user("lead", "lead@example.org", "pw")
    user.groups.add(Group.objects.get(name=PROGRAM_LEADS))
    return user


@pytest.fixture
def learner(django_user_model):
    return django_user_model.objects.create_user("learner", "learner@example.org", "pw")


@pytest.fixture
def home(db):
    root = Page.get_first_root_node()
    home = HomePageFactory(parent=root)
    move_site_root(site=Site.objects.get(is_default_site=True), page=home)
    return home


@pytest.fixture
def catalogue(home):
    return CourseIndexPageFactory(parent=home, slug_en="courses", slug_fr="cours")


@pytest.fixture
def course(catalogue):
    return CoursePageFactory(
        parent=catalogue,
        title_en="Working with sponsors",
        title_fr="Travailler avec les répondants",
        slug_en="working-with-sponsors",
        slug_fr="travailler-avec-les-repondants",
    )


@pytest.fixture
def lessons(course):
    return [
        LessonPageFactory(
            parent=course,
            title_en="The PSR program",
            title_fr="Le programme PPPR",
            slug_en="the-psr-program",
            slug_fr="le-programme-pppr",
        ),
        LessonPageFactory(
            parent=course,
            title_en="Sponsor responsibilities",
            title_fr="Responsabilités des répondants",
            slug_en="sponsor-responsibilities",
            slug_fr="responsabilites-des-repondants",
        ),
        LessonPageFactory(
            parent=course,
            title_en="Intentional Connection",
            title_fr="La connexion intentionnelle",
            slug_en="intentional-connection",
            slug_fr="connexion-intentionnelle",
        ),
    ]
