import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env_bool, env_list

DEBUG = False
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    raise ImproperlyConfigured("Set SECRET_KEY in the environment.")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("Set ALLOWED_HOSTS in the environment (comma-separated).")

# Behind a TLS-terminating proxy (README "Deploying").
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
# The proxy's health checks talk to each app server directly, over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True

STORAGES = {
    "default": {
        "BACKEND": os.environ.get(
            "DEFAULT_FILE_STORAGE_BACKEND", "django.core.files.storage.FileSystemStorage"
        )
    },
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

if STORAGES["default"]["BACKEND"].startswith("storages."):
    # django-storages (pip install ".[s3]") reads Django settings: take them from the
    # environment. The bucket stays private; files are served through signed URLs.
    for _name in (
        "AWS_STORAGE_BUCKET_NAME",
        "AWS_S3_ENDPOINT_URL",
        "AWS_S3_REGION_NAME",
        "AWS_S3_CUSTOM_DOMAIN",
        "AWS_LOCATION",
        "AWS_ACCESS_KEY_ID",
        "AWS_SECRET_ACCESS_KEY",
    ):
        if os.environ.get(_name):
            globals()[_name] = os.environ[_name]
    AWS_DEFAULT_ACL = None
    AWS_QUERYSTRING_AUTH = True
    if not os.environ.get("H5P_ROOT"):
        # Package files in their own prefix of the same private bucket, read only by the
        # /h5p-content/ view (content/h5p/storage.py); no URL to them is ever signed.
        H5P_STORAGE = {
            "BACKEND": STORAGES["default"]["BACKEND"],
            "OPTIONS": {
                "location": "/".join(filter(None, [os.environ.get("AWS_LOCATION"), "h5p-files"]))
            },
        }

# Rate limits (allauth) and lockouts must be shared by every app server: keep the cache in the
# database (`manage.py createcachetable` at release).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "psr_learn_cache",
    },
    "renders": CACHES["renders"],  # noqa: F405 - per process (learning/settings/base.py)
    "renditions": CACHES["renditions"],  # noqa: F405 - per process, as above
}

if os.environ.get("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["EMAIL_HOST"]
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)

WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", f"https://{ALLOWED_HOSTS[0]}")
SITE_URL = os.environ.get("SITE_URL", WAGTAILADMIN_BASE_URL)
