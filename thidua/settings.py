"""thidua settings: one module, typed environment helpers, SQLite unless DATABASE_URL is set.

Production is switched on with THIDUA_ENV=production; secrets come from the environment
or from a file named by the matching *_FILE variable (Docker/systemd secrets).
"""

import ipaddress
import os
from datetime import timedelta
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(os.environ.get("THIDUA_VAR_DIR", BASE_DIR.parent / "var"))


def env(name: str, default: str = "") -> str:
    """Read NAME, or the contents of the file named by NAME_FILE."""
    file_name = os.environ.get(f"{name}_FILE")
    if file_name:
        return Path(file_name).read_text(encoding="utf-8").strip()
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = env(name, "")
    return default if value == "" else value.lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


PRODUCTION = env("THIDUA_ENV", "development") == "production"
DEBUG = env_bool("DEBUG", not PRODUCTION)
SECRET_KEY = env(
    "SECRET_KEY", "" if PRODUCTION else "dev-only-insecure-key-thidua-0000000000000000"
)
if PRODUCTION and len(SECRET_KEY) < 50:
    raise RuntimeError(
        "SECRET_KEY (hoặc SECRET_KEY_FILE) phải có ít nhất 50 ký tự ở môi trường production."
    )
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "template_partials",
    "rules.apps.AutodiscoverRulesConfig",
    "django_tasks",
    "django_tasks.backends.database",
    "axes",
    "thidua.core",
    "thidua.org",
    "thidua.legal",
    "thidua.planimport",
    "thidua.campaigns",
    "thidua.registrations",
    "thidua.dossiers",
    "thidua.council",
    "thidua.signing",
    "thidua.awards",
    "thidua.registry",
    "thidua.reports",
    "thidua.portal",
    "thidua.api",
    "thidua.ops",
]

MIDDLEWARE = [
    "thidua.core.middleware.RequestSizeLimitMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "thidua.core.middleware.RejectNulMiddleware",
    # Lag-tolerant GET views read from the replica (when DATABASE_REPLICA_URL is set).
    "thidua.core.dbrouter.ReplicaMiddleware",
    # Anonymous public pages from the shared cache (when REDIS_URL is set).
    "thidua.core.middleware.PublicPageCacheMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "thidua.core.middleware.SecurityHeadersMiddleware",
    "thidua.org.middleware.CurrentUnitMiddleware",
    "thidua.legal.middleware.LegalTablesPerRequestMiddleware",
    # JSON with a Vietnamese detail for every error answer under /api/ (405, 404, English).
    "thidua.api.errors.ApiErrorMiddleware",
    # The Vietnamese page for a 405 answered with an empty body outside /api/.
    "thidua.core.middleware.MethodNotAllowedPageMiddleware",
    # Last: turns a locked-out authentication into the Vietnamese lockout page (429).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "thidua.urls"
WSGI_APPLICATION = "thidua.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "thidua.core.context_processors.shell",
            ],
            "builtins": [
                "thidua.core.templatetags.thidua",
                "thidua.formats.vi.filters",
                "template_partials.templatetags.partials",
            ],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'thidua.sqlite3'}",
        conn_max_age=int(env("DB_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "timeout": 20, "init_command": "PRAGMA journal_mode=WAL;"}
    )
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # The registry's covering indexes (INCLUDE columns) are a PostgreSQL optimisation;
    # SQLite builds them without those columns, which changes nothing but speed.
    SILENCED_SYSTEM_CHECKS = ["models.W040"]
# A streaming replica of the primary (README, "One primary and N replicas"): lag-tolerant
# reads (REPLICA_VIEWS, `read_replica()`) go there; writes and the writer's next reads
# (REPLICA_PIN_SECONDS after a POST) go to the primary. Tests mirror it onto `default`.
DATABASE_ROUTERS = ["thidua.core.dbrouter.ReplicaRouter"]
if env("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(
        env("DATABASE_REPLICA_URL"), conn_max_age=int(env("DB_CONN_MAX_AGE", "60"))
    )
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
# Behind PgBouncer in transaction pooling mode (README): no server-side cursors, no
# prepared statements (psycopg 3 prepares a query after it ran 5 times on one connection).
if env_bool("DB_TRANSACTION_POOLING"):
    for _db in DATABASES.values():
        if _db["ENGINE"] == "django.db.backends.postgresql":
            _db["DISABLE_SERVER_SIDE_CURSORS"] = True
            _db.setdefault("OPTIONS", {})["prepare_threshold"] = None
REPLICA_PIN_SECONDS = int(env("REPLICA_PIN_SECONDS", "10"))
REPLICA_VIEWS = [
    "registry:search",
    "registry:verify",
    "registry:verify_form",
    "registry:person",
    "registry:unit",
    "portal:home",
    "portal:campaign",
    "portal:models",
    "portal:model",
    "portal:report",
    "campaigns:public_list",
    "campaigns:public_detail",
    "dossiers:public_index",
    "reports:index",
    "reports:report",
    "reports:report_docx",
    "reports:report_xlsx",
    "reports:unit_reports",
    "registrations:dashboard",
    "registrations:block",
]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    # First: refuses every password check while the account or the address is locked out.
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Login throttling (django-axes, attempts kept in the database, shared by every worker):
# AXES_FAILURE_LIMIT failed passwords for one user name, or from one client address, lock
# that user name or address for AXES_COOLOFF_MINUTES. The address is core.net.client_ip.
AXES_FAILURE_LIMIT = int(env("AXES_FAILURE_LIMIT", "10"))
AXES_COOLOFF_TIME = timedelta(minutes=int(env("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username"], ["ip_address"]]
AXES_CLIENT_IP_CALLABLE = "thidua.core.net.client_ip"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "thidua.core.loginguard.lockout_response"
AXES_VERBOSE = False

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt")]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["thidua.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
WHITENOISE_USE_FINDERS = DEBUG
# Uploaded files live outside the web root and are only served by views that check permissions.
MEDIA_ROOT = VAR_DIR / "private"
MEDIA_URL = "/_private_not_served/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024
FILE_UPLOAD_PERMISSIONS = 0o640
THIDUA_MAX_UPLOAD_BYTES = int(env("THIDUA_MAX_UPLOAD_BYTES", str(10 * 1024 * 1024)))
# Whole request body, checked from Content-Length before it is read (413). Keep nginx's
# `client_max_body_size` the same (README). Room for one largest upload plus the form.
THIDUA_MAX_REQUEST_BYTES = int(
    env(
        "THIDUA_MAX_REQUEST_BYTES",
        str(max(30 * 1024 * 1024, THIDUA_MAX_UPLOAD_BYTES + 1024 * 1024)),
    )
)
if THIDUA_MAX_REQUEST_BYTES < THIDUA_MAX_UPLOAD_BYTES + 1024 * 1024:
    raise RuntimeError(
        "THIDUA_MAX_REQUEST_BYTES phải lớn hơn THIDUA_MAX_UPLOAD_BYTES ít nhất 1 MB "
        "(một tệp tải lên cùng các trường của biểu mẫu)."
    )

TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.database.DatabaseBackend"
        if env_bool("THIDUA_TASKS_QUEUE", PRODUCTION)
        else "django_tasks.backends.immediate.ImmediateBackend"
    }
}
# A certificate batch whose worker has not written a part for this long is "bị gián đoạn"
# (the worker died) and is resumed by another worker.
REGISTRY_BATCH_LEASE_SECONDS = int(env("THIDUA_BATCH_LEASE_SECONDS", "60"))

# Digital signatures (thidua.signing, README "Chữ ký số"). Key material of signing
# credentials is encrypted with THIDUA_SIGNING_KEY (SECRET_KEY when unset). With
# THIDUA_SIGNING_REQUIRED every decision is signed digitally (production default); otherwise
# a unit's decisions are signed once the unit has a signing credential.
THIDUA_SIGNING_KEY = env("THIDUA_SIGNING_KEY")
THIDUA_SIGNING_REQUIRED = env_bool("THIDUA_SIGNING_REQUIRED", PRODUCTION)
THIDUA_SIGNING_TSA_URL = env("THIDUA_SIGNING_TSA_URL")  # RFC 3161 timestamp authority
THIDUA_SIGNING_TRUST_ROOTS = env("THIDUA_SIGNING_TRUST_ROOTS", str(VAR_DIR / "trust-roots"))
THIDUA_SIGNING_CRLS = env("THIDUA_SIGNING_CRLS")
THIDUA_SIGNING_FETCH_REVOCATION = env_bool("THIDUA_SIGNING_FETCH_REVOCATION", False)
# The roots of `thidua demo`'s throw-away CA count as trusted (never in production).
THIDUA_SIGNING_TRUST_DEMO = env_bool("THIDUA_SIGNING_TRUST_DEMO", not PRODUCTION) and not PRODUCTION
THIDUA_SIGNATURE_CHECK_MAX_BYTES = int(
    env("THIDUA_SIGNATURE_CHECK_MAX_BYTES", str(20 * 1024 * 1024))
)

EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("EMAIL_PORT", "25"))
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "thidua@localhost")

# Shared by every worker: rate limits and login throttling must not live in one process.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "thidua_cache",
        # Culling (default above 300 entries) would drop live rate-limit slots.
        "OPTIONS": {"MAX_ENTRIES": 200_000},
    }
}
if env("REDIS_URL"):
    CACHES["default"] = {
        "BACKEND": "thidua.core.rediscache.RedisCache",
        "LOCATION": env("REDIS_URL"),
    }
# Sessions: read through the shared cache when it is Redis (one GET instead of a query per
# request), written through to the database so a Redis restart signs nobody out.
SESSION_ENGINE = (
    "django.contrib.sessions.backends.cached_db"
    if env("REDIS_URL")
    else "django.contrib.sessions.backends.db"
)
# Whole public pages for anonymous visitors, kept in Redis (core/middleware.py): only with
# REDIS_URL (the database cache would cost what it saves) unless PUBLIC_PAGE_CACHE says.
PUBLIC_PAGE_CACHE = env_bool("PUBLIC_PAGE_CACHE", bool(env("REDIS_URL")))
PUBLIC_PAGE_CACHE_SECONDS = int(env("PUBLIC_PAGE_CACHE_SECONDS", "60"))
PUBLIC_CACHE_VIEWS = [
    "portal:home",
    "portal:campaign",
    "portal:models",
    "portal:model",
    "portal:report",
    "campaigns:public_list",
    "campaigns:public_detail",
    "registry:search",
    "dossiers:public_index",
]

# The bell's unread count per user in the shared cache (core/notify.py): with Redis only,
# the database cache would cost a query to save one.
UNREAD_COUNT_CACHE = env_bool("UNREAD_COUNT_CACHE", bool(env("REDIS_URL")))
# Each signed-in user's row, scope and own units in the shared cache under version keys moved
# by every write of users, roles, units and blocks (org/scope.py `request_seat`): with Redis
# only, the database cache would cost a query to save two.
SCOPE_CACHE = env_bool("SCOPE_CACHE", bool(env("REDIS_URL")))
# The legal tables (legal/read.py) kept across requests in the shared cache under a version
# key moved by every write, and in each process for the version it last saw.
LEGAL_TABLES_CACHE = env_bool("LEGAL_TABLES_CACHE", True)

# Reverse proxies (addresses or CIDR networks) whose X-Forwarded-For is believed; see core/net.py.
THIDUA_TRUSTED_PROXIES = env_list("THIDUA_TRUSTED_PROXIES")
for _proxy in THIDUA_TRUSTED_PROXIES:
    try:
        ipaddress.ip_network(_proxy, strict=False)
    except ValueError as _exc:
        raise RuntimeError(
            f"THIDUA_TRUSTED_PROXIES: '{_proxy}' không phải địa chỉ IP hoặc dải mạng hợp lệ."
        ) from _exc

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    # Off only for `thidua bench load`, which talks plain HTTP to gunicorn on 127.0.0.1.
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)

NINJA_PAGINATION_PER_PAGE = 50
NINJA_PAGINATION_CLASS = "thidua.core.schema.BoundedLimitOffsetPagination"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "WARNING")},
}
