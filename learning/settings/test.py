import os
from pathlib import Path

from .base import *  # noqa: F403
from .base import BASE_DIR

SECRET_KEY = "test-only-key"  # noqa: S105 - test settings never serve traffic
DEBUG = False
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Most tests sign up and carry on signed in; tests of enumeration prevention set "mandatory",
# the default elsewhere (learning/settings/base.py).
ACCOUNT_EMAIL_VERIFICATION = "optional"
MEDIA_ROOT = Path(os.environ.get("TEST_MEDIA_ROOT", BASE_DIR / ".test-media"))
H5P_ROOT = Path(os.environ.get("TEST_H5P_ROOT", BASE_DIR / ".test-h5p-files"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # On disk, as the site runs (WAL, IMMEDIATE transactions): tests of learners writing at once
    # use threads that each open their own connection, as a server's do. An in-memory test
    # database would be one shared cache with table locks, which no deployment has.
    # One file per test run: two runs at once (a developer's and an editor's) must not share it.
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": str(BASE_DIR / f".test-db-{os.getpid()}.sqlite3")  # noqa: F405
    }
