"""Settings for yorisoi, read from the environment.

YORISOI_ENV=production switches on the hardened mode checked by ``manage.py check --deploy``.
Without DATABASE_URL the embedded SQLite database in YORISOI_DATA_DIR (default ./data) is used.
"""

import os
from pathlib import Path

from csp.constants import NONE, SELF

from config.databases import databases

BASE_DIR = Path(__file__).resolve().parent.parent
ENV = os.environ.get("YORISOI_ENV", "development")
PRODUCTION = ENV == "production"
TESTING = os.environ.get("YORISOI_TESTING") == "1"

# Off unless asked for (YORISOI_DEBUG=1): the demo shows the project's own Japanese error pages.
DEBUG = not PRODUCTION and os.environ.get("YORISOI_DEBUG", "0") == "1"

if PRODUCTION:
    SECRET_KEY = os.environ["SECRET_KEY"]  # no fallback: production never runs on a known key
else:
    SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-not-secret-yorisoi-7c1f0a9e4b2d4e0f8a3b6c5d9e1f2a3b")

ALLOWED_HOSTS = [h for h in os.environ.get("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]").split(",") if h]
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "yorisoi.accounts.apps.StaffAdminConfig",  # django.contrib.admin behind the staff login and second step
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "template_partials",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "yorisoi.core",
    "yorisoi.accounts",
    "yorisoi.programs",
    "yorisoi.audit",
    "yorisoi.staffing",
    "yorisoi.cases",
    "yorisoi.referrals",
    "yorisoi.consultations",
    "yorisoi.appointments",
    "yorisoi.outreach",
    "yorisoi.imports",
    "yorisoi.operations",
    "yorisoi.retention",
    "yorisoi.reports",
    "yorisoi.portal",
    "yorisoi.demo",
]

MIDDLEWARE = [
    # First: the load balancer's health check answers before sessions, login, MFA and programs.
    "yorisoi.operations.health.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "yorisoi.accounts.middleware.StaffHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "yorisoi.core.middleware.DatabaseUnavailableMiddleware",
    "yorisoi.core.middleware.TransitionRefusedMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
    "yorisoi.accounts.middleware.SessionLimitsMiddleware",
    "yorisoi.accounts.middleware.MfaGateMiddleware",
    "yorisoi.programs.middleware.ActiveProgramMiddleware",
    "yorisoi.audit.guard.AccessLogGuardMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "yorisoi" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "yorisoi.programs.context_processors.active_program",
            ],
            "builtins": ["yorisoi.core.templatetags.staff_format"],
        },
    }
]

# --- database -------------------------------------------------------------------------------------
DATA_DIR = Path(os.environ.get("YORISOI_DATA_DIR", BASE_DIR / "data"))

DATABASES = databases(os.environ, data_dir=DATA_DIR, testing=TESTING)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Reports read from a streaming replica when DATABASE_REPLICA_URL adds one (config/databases.py);
# writes, and reads that must see them, stay on the primary.
if "replica" in DATABASES:
    DATABASE_ROUTERS = ["yorisoi.core.db_router.ReplicaRouter"]

# The public forms' rate limits count in the database, so every worker shares one count
# (yorisoi/portal/rate_limit.py); the table is made by a migration (core 0001).
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "ratelimit": {
        "BACKEND": "yorisoi.core.cache.AtomicDatabaseCache",
        "LOCATION": "yorisoi_rate_limit",
        "OPTIONS": {"MAX_ENTRIES": 100_000},
    },
}
RATELIMIT_USE_CACHE = "ratelimit"

# PostgreSQL: the role the application runs as, when migrations run as the tables' owner. After
# every migrate it is granted all it needs and, on the access log, only SELECT and INSERT
# (see docs/architecture.md, "Access log"). Empty: one role does both (development, SQLite).
YORISOI_DB_APP_ROLE = os.environ.get("YORISOI_DB_APP_ROLE", "")
# Key of the access log's hash chain; empty: the SECRET_KEY. Keep the old value here when rotating it.
YORISOI_AUDIT_CHAIN_KEY = os.environ.get("YORISOI_AUDIT_CHAIN_KEY", "")

# Imports of past records: uploads larger than this are refused before they are read.
YORISOI_IMPORT_MAX_BYTES = int(os.environ.get("YORISOI_IMPORT_MAX_BYTES", 30 * 1024 * 1024))

# --- auth -----------------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "programs:home"
LOGOUT_REDIRECT_URL = "accounts:login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Lockout after repeated failures (django-axes), per username and address.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_ENABLED = os.environ.get("YORISOI_AXES", "1") == "1"
AXES_CLIENT_IP_CALLABLE = "yorisoi.core.client_address.client_address"

# How many proxies in front of the application append to X-Forwarded-For (see core/client_address.py).
YORISOI_TRUSTED_PROXIES = int(os.environ.get("YORISOI_TRUSTED_PROXIES", "1" if PRODUCTION else "0"))

# Two-step login (TOTP): required of every staff member in production, optional elsewhere.
YORISOI_REQUIRE_MFA = os.environ.get("YORISOI_REQUIRE_MFA", "1" if PRODUCTION else "0") == "1"
OTP_TOTP_ISSUER = "yorisoi"

# Idle timeout: the session ends 30 minutes after the person's last action (accounts.sessions).
YORISOI_SESSION_IDLE_SECONDS = 30 * 60
# The session row is written at most once a minute (not on every request), so the database keeps it
# that minute longer than the idle limit; the limit itself is checked by SessionLimitsMiddleware.
SESSION_COOKIE_AGE = YORISOI_SESSION_IDLE_SECONDS + 60
SESSION_SAVE_EVERY_REQUEST = False
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# Polling panels do not count as activity (accounts.sessions.polling); a session never outlives 10 hours.
YORISOI_SESSION_ABSOLUTE_SECONDS = 10 * 60 * 60
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# --- i18n -----------------------------------------------------------------------------------------
LANGUAGE_CODE = "ja"
LANGUAGES = [("ja", "日本語")]
TIME_ZONE = "Asia/Tokyo"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "yorisoi" / "locale"]

# --- static ---------------------------------------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "yorisoi" / "static"]
WHITENOISE_USE_FINDERS = not PRODUCTION  # serve straight from the source tree outside production
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# --- security headers -----------------------------------------------------------------------------
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}
CSRF_FAILURE_VIEW = "yorisoi.core.views.csrf_failure"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

if PRODUCTION:
    DEBUG = False
    SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "1") == "1"
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# Appointment reminders: printed to the console unless a real backend is configured.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "no-reply@yorisoi.invalid")

# --- logging --------------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}

# The access log's monthly review counts reads outside these hours (local) and days (1 = Sunday).
YORISOI_REVIEW_WORKING_HOURS = (7, 21)
YORISOI_REVIEW_WORKING_DAYS = (2, 3, 4, 5, 6)

# --- operations: backups and the health check ----------------------------------------------------
YORISOI_BACKUP_DIR = Path(os.environ.get("YORISOI_BACKUP_DIR", DATA_DIR / "backups"))
YORISOI_BACKUP_KEEP = {  # generations kept: the newest of each of the last N days / weeks / months
    kind: int(count)
    for kind, count in (
        item.split("=")
        for item in os.environ.get("YORISOI_BACKUP_KEEP", "daily=7,weekly=4,monthly=12").split(",")
    )
}
# The health check's URL: answered by HealthCheckMiddleware before login, MFA and program middleware.
YORISOI_HEALTH_CHECK_PATH = "/healthz"
YORISOI_HEALTH_MIN_FREE_MB = int(os.environ.get("YORISOI_HEALTH_MIN_FREE_MB", "500"))

# Contact counts in statistics below this are suppressed for the city's officer (DESIGN §5).
YORISOI_SMALL_CELL_MAX = 4
