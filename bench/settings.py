"""Settings for bench/lesson_page.py: production, plus the bench-only bare page type."""

from learning.settings.production import *  # noqa: F403
from learning.settings.production import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "bench.barepage"]
