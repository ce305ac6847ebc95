"""Settings shared by every environment; dev, test and production only change what differs."""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONCE
from django.utils.translation import gettext_lazy as _

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# wagtail_modeltranslation (and its makemigrations/migrate overrides) must come before every
# app with page models, and plain modeltranslation must not precede it.
INSTALLED_APPS = [
    "wagtail_modeltranslation",
    "wagtail_modeltranslation.makemigrations",
    "wagtail_modeltranslation.migrate",
    "learning",
    "content",
    "quizzes",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "allauth",
    "allauth.account",
    "axes",
    "ninja",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Content-Security-Policy and Permissions-Policy on every page (learning/security_headers.py).
    "learning.security_headers.SiteCSPMiddleware",
    "learning.security_headers.PermissionsPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "learning.middleware.SiteLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # Django's, with the user read together with the session (learning/people/sessions.py).
    "learning.people.sessions.JoinedUserAuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Times in the signed-in learner's time zone (issue 15).
    "learning.middleware.LearnerTimeZoneMiddleware",
    # Once the language and the user are known, so its refusal is a page in the reader's words.
    "learning.middleware.RejectNulCharactersMiddleware",
    # Once the user and the language are known; outside the request's transaction (issue 13).
    "learning.rate_limits.RateLimitMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # Last, as django-axes asks: it turns a lockout into its response.
    "axes.middleware.AxesMiddleware",
    # Innermost: a request that writes runs its view in one transaction (learning/middleware.py).
    "learning.middleware.AtomicWritesMiddleware",
]

# Views whose writes may land on their own, outside one request-wide transaction: logging in
# hashes a password (a large fraction of a second) and must not hold SQLite's write lock
# meanwhile; what it writes (last login, the login log) stands alone.
ATOMIC_WRITES_EXEMPT_URL_NAMES = {"account_login", "wagtailadmin_login"}

ROOT_URLCONF = "learning.urls"
WSGI_APPLICATION = "learning.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# The embedded default is SQLite so the site runs with no server; DATABASE_URL switches it
# (PostgreSQL in CI and production).
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "0")),
        # A persistent connection is checked before each request reuses it: after the database
        # restarts, the next request reconnects instead of failing (issue 10, bench/faults.sh).
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Many learners writing at once (issue 10): readers never wait for a writer (WAL), and a
    # transaction takes the write lock when it starts (IMMEDIATE), so a read-then-write waits
    # its turn (up to `timeout` seconds) instead of failing with "database is locked".
    # https://docs.djangoproject.com/en/5.2/ref/databases/#database-is-locked-errors
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 30,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    # Rendered lesson text by page revision and language (content/templatetags/lesson_tags.py):
    # a publish changes the key, so each process may keep its own copy.
    "renders": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "renders",
        "OPTIONS": {"MAX_ENTRIES": 5000},
    },
    # Wagtail's image renditions: Wagtail writes each one back to this cache on every use, which
    # with the shared database cache was four queries, a write among them, for each image shown
    # (issue 11). Keys carry the image file's hash and the focal point: a new file or crop is a
    # new key, so each process may keep its own.
    "renditions": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "renditions",
        "OPTIONS": {"MAX_ENTRIES": 2000},
    },
}

AUTHENTICATION_BACKENDS = [
    # django-axes first, so a locked-out address is refused before any password check.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    # 12 characters at least (OWASP ASVS 2.1.1), and none of the common ones below.
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation: English and French, the URL prefix chooses (/en/, /fr/).
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("fr", _("French"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_LANGUAGES = ("en", "fr")
# French pages fall back to English field by field only for metadata; page bodies are checked
# explicitly so an untranslated lesson says so instead of silently showing English.
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("en",)}
TIME_ZONE = "America/Toronto"
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_NAME = "psr_language"
LANGUAGE_COOKIE_SECURE = env_bool("SECURE_COOKIES", False)
LANGUAGE_COOKIE_SAMESITE = "Lax"

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
# npm packages (package.json, installed by `make` with --ignore-scripts) are served from here as
# static files: the browser never fetches them from a CDN.
NODE_MODULES = BASE_DIR / "node_modules"
STATICFILES_DIRS = [
    PROJECT_DIR / "static",
    # The H5P player (MIT wrapper around H5P core's GPL-3.0 scripts; see README).
    ("vendor/h5p-standalone", NODE_MODULES / "h5p-standalone" / "dist"),
]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = os.environ.get("MEDIA_URL", "/media/")

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Sessions and CSRF: HttpOnly and SameSite everywhere; Secure in production (see production.py).
# Django's database sessions, with the signed-in user's id in a column: one query reads both.
SESSION_ENGINE = "learning.people.sessions"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
# SAMEORIGIN, not DENY: Wagtail's live preview frames the site's own pages
# (https://docs.wagtail.org/en/stable/reference/settings.html), so the deploy check about DENY is
# silenced on purpose. Other sites still cannot frame it.
X_FRAME_OPTIONS = "SAMEORIGIN"
SILENCED_SYSTEM_CHECKS = ["security.W019"]
SECURE_REFERRER_POLICY = "same-origin"
# Content-Security-Policy (django-csp, learning/security_headers.py): learner pages run only the
# site's scripts and this response's nonce, never inline code; frames, forms and fetches stay on
# the site. H5P activities load in an about:blank frame that inherits this policy: their
# libraries set style attributes, hence 'unsafe-inline' for styles (never for scripts).
# With H5P_CONTENT_ORIGIN set (below), the activity's files come from there.
_H5P_ORIGIN = env_list("H5P_CONTENT_ORIGIN")
# H5P core writes the activity's frame with one fixed inline script (getHeadTags in
# h5p-standalone's frame.bundle.js): its hash lets that script run and nothing else
# (tests/learning/test_security_headers.py checks it against the installed player).
H5P_FRAME_SCRIPT_HASH = "'sha256-8CniZYrnO46q7MvZ3m08Wom1HH/ZhyXmm29kBKTV1rk='"
VIDEO_FRAME_ORIGINS = [
    "https://www.youtube.com",
    "https://www.youtube-nocookie.com",
    "https://player.vimeo.com",
]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", NONCE, H5P_FRAME_SCRIPT_HASH, *_H5P_ORIGIN],
        "style-src": ["'self'", "'unsafe-inline'", *_H5P_ORIGIN],
        "img-src": ["'self'", "data:", "blob:", *_H5P_ORIGIN],
        "font-src": ["'self'", "data:", *_H5P_ORIGIN],
        "media-src": ["'self'", "data:", "blob:", *_H5P_ORIGIN],
        "connect-src": ["'self'", *_H5P_ORIGIN],
        # Lesson videos are YouTube or Vimeo embeds (content/blocks.py VideoBlock).
        "frame-src": ["'self'", *VIDEO_FRAME_ORIGINS, *_H5P_ORIGIN],
        "frame-ancestors": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
    }
}
# Wagtail's admin writes inline scripts and styles (date pickers, inline panels): there, inline
# code is allowed, without a nonce (which would cancel 'unsafe-inline'); the rest holds.
CSP_ADMIN_PREFIXES = ["/admin/", "/django-admin/"]
CONTENT_SECURITY_POLICY_ADMIN = {
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        "script-src": ["'self'", "'unsafe-inline'", *_H5P_ORIGIN],
    }
}
# Browser features no page of ours uses; fullscreen stays for H5P activities.
PERMISSIONS_POLICY = {
    "camera": [],
    "microphone": [],
    "geolocation": [],
    "payment": [],
    "usb": [],
    "serial": [],
    "bluetooth": [],
    "hid": [],
    "midi": [],
    "magnetometer": [],
    "gyroscope": [],
    "accelerometer": [],
    "display-capture": [],
    "browsing-topics": [],
    "fullscreen": ["self"],
}

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "PSR Learn <noreply@localhost>")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # Background-task and page-edit chatter is noise on a console; the admin keeps its own log.
    "loggers": {
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
        # WeasyPrint logs each step of every certificate it lays out at INFO.
        "weasyprint": {"level": "WARNING"},
    },
}

# Accounts (django-allauth): email and password; confirmation "optional" or "mandatory".
LOGIN_URL = "account_login"
# A private page (Privacy: "logged-in users") sends readers to the site's own sign-in, in their
# language, not to Wagtail's bare one.
WAGTAIL_FRONTEND_LOGIN_URL = LOGIN_URL
LOGIN_REDIRECT_URL = "my_learning"
ACCOUNT_ADAPTER = "learning.people.adapters.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "learning.people.forms.SignupForm"
ACCOUNT_UNIQUE_EMAIL = True
# Mandatory by default: only then can sign-up hide whether an email is registered (allauth
# emails the owner instead); "optional" brings the "already in use" message back.
ACCOUNT_EMAIL_VERIFICATION = os.environ.get("ACCOUNT_EMAIL_VERIFICATION", "mandatory")
ACCOUNT_PREVENT_ENUMERATION = True
# "Signed in as Amélie Tremblay", not as the username generated at sign-up (issue 14).
ACCOUNT_USER_DISPLAY = "learning.people.auth.user_display"
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[PSR Learn] "
# Failed logins are counted by django-axes (below), which locks the account for that address;
# allauth's own counter would answer first with a softer message, so it is left to axes.
ACCOUNT_RATE_LIMITS = {"login_failed": None}

# Brute-force protection (django-axes): 5 failures per account and address, then 30 minutes.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.5
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "learning/lockout.html"
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_CALLABLE = "learning.people.auth.login_identifier"
# Proxies in front of the site, each appending to X-Forwarded-For: the client address for
# lockouts, rate limits and allauth (learning/people/auth.py). AXES_PROXY_COUNT: its old name.
TRUSTED_PROXY_COUNT = int(
    os.environ.get("TRUSTED_PROXY_COUNT", os.environ.get("AXES_PROXY_COUNT", "0")) or "0"
)
AXES_CLIENT_IP_CALLABLE = "learning.people.auth.client_address"

# Rate limits (learning/rate_limits.py, README "Rate limits"), per signed-in person ("user")
# and per client address. A person's limits are several times what a learner does at the
# quickest (bench/burst.py); an address's hold 500 learners behind one NAT at burst pace.
RATELIMIT_IP_META_KEY = "learning.people.auth.client_address"
# A cache that fails to count lets the request through: a lost count must not refuse a class.
RATELIMIT_FAIL_OPEN = True
# Off only to measure what the limits cost (bench/burst.py).
RATELIMIT_ENABLE = env_bool("RATE_LIMITS_ENABLED", True)
RATE_LIMITS = {
    "answer": {"user": "120/m", "address": "15000/m"},
    "start": {"user": "30/m", "address": "2000/m"},
    "submit": {"user": "30/m", "address": "2000/m"},
    "api": {"user": "300/m", "address": "15000/m"},
    "xapi": {"user": "60/m", "address": "3000/m", "user_bytes_per_minute": 1_000_000},
    "h5p_state": {"user": "60/m", "address": "3000/m", "user_bytes_per_minute": 1_000_000},
    "signup": {"address": "10/h"},
    "login": {"address": "100/10m"},
}
# Route (namespace:name or name) -> (methods, group); "api-v1:*" is the rest of the API.
RATE_LIMIT_ROUTES = {
    "api-v1:save_answer": (("PUT",), "answer"),
    "api-v1:start_attempt": (("POST",), "start"),
    "api-v1:submit_attempt": (("POST",), "submit"),
    "api-v1:*": ("*", "api"),
    "quiz_start": (("POST",), "start"),
    "quiz_attempt": (("POST",), "answer"),
    "h5p_xapi": (("POST",), "xapi"),
    "h5p_state": (("POST", "PUT"), "h5p_state"),
    "account_signup": (("POST",), "signup"),
    "account_login": (("POST",), "login"),
    "wagtailadmin_login": (("POST",), "login"),
}

# Anonymous survey responses carry a keyed hash of the learner (HMAC-SHA256) so one person answers
# once and pre/post pairs match, with no way back to the account without this secret. Keep it
# stable and apart from SECRET_KEY; it falls back to SECRET_KEY when unset.
PSR_RESPONDENT_SECRET = os.environ.get("PSR_RESPONDENT_SECRET", "")

# Wagtail
WAGTAIL_SITE_NAME = "PSR Learn"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# The public address links in emails start with (learning/notifications/emails.py): emails are
# also sent by the reminders command, with no request to take an address from.
SITE_URL = os.environ.get("SITE_URL", WAGTAILADMIN_BASE_URL)

# Emails (issue 15; README "Emails and reminders"). Reminders of a pre-test, post-test or survey
# still to do: this many days after the enrolment (pre-test) or the last lesson (post-test,
# survey), or this many days before a session's due date or first meeting; one per step.
REMINDER_DAYS_AFTER = int(os.environ.get("REMINDER_DAYS_AFTER", "3"))
REMINDER_DAYS_BEFORE_DUE = int(os.environ.get("REMINDER_DAYS_BEFORE_DUE", "2"))
# Emails the reminders command sends per run, at most (the rest wait for the next run).
EMAILS_PER_RUN = int(os.environ.get("EMAILS_PER_RUN", "200"))
# Funder reports' counts of people (learners trained, completions…) smaller than this are
# shown as "fewer than N", as an indicator's smallest group is (quizzes/reports/outputs.py).
OUTPUT_MIN_GROUP_SIZE = int(os.environ.get("OUTPUT_MIN_GROUP_SIZE", "5"))
# Days a Collaborative Action Plan's one-time invitation link works (issue 18).
PLAN_INVITE_DAYS = int(os.environ.get("PLAN_INVITE_DAYS", "14"))
# The admin's time zones: Canada's (learning.people.models.CanadianTimeZone); a person's follows
# their profile (learning.people.services.profile_update).
WAGTAIL_USER_TIME_ZONES = [
    "America/St_Johns",
    "America/Halifax",
    "America/Toronto",
    "America/Winnipeg",
    "America/Regina",
    "America/Edmonton",
    "America/Whitehorse",
    "America/Vancouver",
]
WAGTAIL_I18N_ENABLED = False  # translation is field-based (modeltranslation), one page tree
# The editor shows English and French together (content/admin_bilingual.py): no "EN FR" toggle
# hiding one language; BilingualPanel is expanded per language like Wagtail's own panels.
WAGTAILMODELTRANSLATION_LOCALE_PICKER = False
WAGTAILMODELTRANSLATION_CUSTOM_COMPOSED_PANELS = ["content.admin_bilingual.BilingualPanel"]
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024

# H5P packages (content/h5p/): the largest upload, the limits checked while unpacking it
# (content/h5p/package/limits.py), and the origin their files are served from. In production
# set H5P_CONTENT_ORIGIN to a separate, cookie-less origin (e.g. https://h5p.example.org) that
# serves the same site; empty serves them from the site's own origin (see README).
H5P_MAX_UPLOAD_SIZE = 200 * 1024 * 1024
H5P_LIMITS = {
    "max_members": 10_000,
    "max_total_uncompressed": 500 * 1024 * 1024,
    "max_file_size": 100 * 1024 * 1024,
    "max_ratio": 100,
    "ratio_min_size": 1024 * 1024,
}
H5P_CONTENT_ORIGIN = os.environ.get("H5P_CONTENT_ORIGIN", "").rstrip("/")
# Unpacked package files: outside MEDIA_ROOT, so nothing serving MEDIA_URL can serve them
# (content/h5p/storage.py); only /h5p-content/ does, sandboxed. H5P_STORAGE (a STORAGES entry,
# e.g. a private bucket) replaces the folder; see production.py.
H5P_ROOT = Path(os.environ.get("H5P_ROOT", BASE_DIR / "h5p-files"))
H5P_STORAGE = None
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No avatars from gravatar.com: the admin would send staff email hashes to a third party.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
# Rich text in lessons: the features a trainer needs, nothing that breaks accessibility.
WAGTAILADMIN_RICH_TEXT_EDITORS = {
    "default": {
        "WIDGET": "wagtail.admin.rich_text.DraftailRichTextArea",
        "OPTIONS": {"features": ["bold", "italic", "ol", "ul", "link", "document-link"]},
    }
}
