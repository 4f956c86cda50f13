"""Wijkportaal settings: one module, driven by environment variables.

Every value that differs between a laptop, CI and production comes from the
environment. Bad values fail loudly at start-up (ImproperlyConfigured) instead
of silently falling back.
"""

import ipaddress
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be one of 1/0/true/false/yes/no/on/off, got {raw!r}")


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    items = [item.strip() for item in raw.split(",")]
    if any(not item for item in items):
        raise ImproperlyConfigured(f"{name} is a comma-separated list without empty items, got {raw!r}")
    return items


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be an integer, got {raw!r}") from exc


DEBUG = env_bool("DEBUG", False)

# No secret in the repository. Development (DEBUG=1) may run on a throw-away key;
# anything else must be given a real one.
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if DEBUG:
        SECRET_KEY = "insecure-development-key-only-used-with-DEBUG"
    else:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off (set DEBUG=1 for development).")
elif not DEBUG and len(SECRET_KEY) < 32:
    raise ImproperlyConfigured("SECRET_KEY must be at least 32 characters long in production.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set when DEBUG is off.")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI assets as static files (no CDN)
    "django_filters",
    "wijken",
    "toegang",
    "indicatoren",
    "berichten",  # outgoing e-mail: outbox, sent after commit, retried
    "signalen",
    "wijkagenda",  # on top: wijkanalyse, wijkagenda, wijknetwerk, public wijkprofiel
    "open311",  # Open311 GeoReport v2 on top of signalen (no models)
    "mor",  # public-space reports from the municipal reporting system (Signalen, Fixi), counted per buurt
    "taken",  # background jobs (Celery): status, progress and report of long work
    "abonnementen",  # on top: subscriptions, digests and reminders by e-mail
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Idle timeout and absolute limit of a session; no-store on every answer to a logged-in user or key.
    "toegang.middleware.SessieMiddleware",
    # A NUL or other control character in the path, the query or a form field: 400 at the edge (audited
    # for the API), before any view or the database sees it.
    "wijkportaal.middleware.ControletekensMiddleware",
    # Everything needs log-in except views marked @login_not_required (log-in, public pages, the API,
    # which authenticates its own requests).
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wijkportaal.middleware.ContentSecurityPolicyMiddleware",
]

ROOT_URLCONF = "wijkportaal.urls"
WSGI_APPLICATION = "wijkportaal.wsgi.application"

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
            ],
        },
    },
]

# PostgreSQL whenever DATABASE_URL is set; an embedded SQLite file for a first run.
# (An empty DATABASE_URL would make dj-database-url return a dummy backend, hence `or`.)
DATABASE_URL = os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'var' / 'wijkportaal.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 60))}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A statement runs at most DB_STATEMENT_TIMEOUT_S seconds (web requests; gunicorn kills a worker after
    # 30 s, but PostgreSQL would go on running its statement, holding its row locks, for as long as it
    # takes). Management commands (imports) get DB_COMMAND_STATEMENT_TIMEOUT_S; 0 means no limit. A
    # transaction left open and idle (a killed or hung client) is ended after
    # DB_IDLE_IN_TRANSACTION_TIMEOUT_S, which releases its locks.
    _commando = os.environ.get("WIJKPORTAAL_COMMANDO") == "1"
    DB_STATEMENT_TIMEOUT_S = (
        env_int("DB_COMMAND_STATEMENT_TIMEOUT_S", 3600) if _commando else env_int("DB_STATEMENT_TIMEOUT_S", 30)
    )
    DB_IDLE_IN_TRANSACTION_TIMEOUT_S = env_int("DB_IDLE_IN_TRANSACTION_TIMEOUT_S", 60)
    if DB_STATEMENT_TIMEOUT_S < 0 or DB_IDLE_IN_TRANSACTION_TIMEOUT_S < 0:
        raise ImproperlyConfigured("The DB_*_TIMEOUT_S settings are seconds, 0 (no limit) or more.")
    _opties = DATABASES["default"].setdefault("OPTIONS", {})
    _opties["options"] = (
        f"{_opties.get('options', '')} -c statement_timeout={DB_STATEMENT_TIMEOUT_S * 1000}"
        f" -c idle_in_transaction_session_timeout={DB_IDLE_IN_TRANSACTION_TIMEOUT_S * 1000}"
    ).strip()
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    (BASE_DIR / "var").mkdir(exist_ok=True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# User names in their canonical form (NFKC, case-folded): `𝐛𝐞𝐥𝐞𝐢𝐝` and `Beleid` log in as `beleid`.
AUTHENTICATION_BACKENDS = ["toegang.backends.GebruikersnaamBackend"]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "toegang.wachtwoorden.MinimaleLengte", "OPTIONS": {"min_length": 12}},  # Dutch message
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "nl"
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
if DEBUG:
    # whitenoise serves from the finders in development; an absent STATIC_ROOT only produces a warning.
    STATIC_ROOT.mkdir(exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "static"]
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    # plotly.js from the copy shipped inside the plotly package: no CDN at run time.
    "wijkportaal.staticfinders.PlotlyFinder",
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# E-mail (password reset, feedback to reporters, "ik ook" confirmations; see berichten.services): printed on
# the console unless EMAIL_HOST names an SMTP server (or EMAIL_BACKEND names another backend).
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND") or (
    "django.core.mail.backends.smtp.EmailBackend" if EMAIL_HOST else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = env_int("EMAIL_PORT", 587 if env_bool("EMAIL_USE_TLS", False) else 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Wijkportaal Hengelo <noreply@localhost>")
# Links in e-mails are absolute (there is no request when a message is sent): the portal's public address.
WIJKPORTAAL_URL = os.environ.get("WIJKPORTAAL_URL", "http://127.0.0.1:8000")
if not WIJKPORTAAL_URL.startswith(("http://", "https://")):
    raise ImproperlyConfigured("WIJKPORTAAL_URL must start with http:// or https://.")
# A password-reset link works once, for one hour.
PASSWORD_RESET_TIMEOUT = 3600

LOGIN_URL = "toegang:inloggen"
LOGIN_REDIRECT_URL = "wijkagenda:start"
LOGOUT_REDIRECT_URL = "toegang:inloggen"

# Security headers. HTTPS-only cookies and HSTS are switched on behind TLS in production.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# A session ends after SESSIE_INACTIEF_MINUTEN without a request (sliding) and SESSIE_MAX_UREN after log-in
# however active (toegang.middleware.SessieMiddleware); the cookie itself lasts no longer than that.
SESSIE_INACTIEF_MINUTEN = env_int("SESSIE_INACTIEF_MINUTEN", 30)
SESSIE_MAX_UREN = env_int("SESSIE_MAX_UREN", 10)
if SESSIE_INACTIEF_MINUTEN < 1 or SESSIE_MAX_UREN < 1:
    raise ImproperlyConfigured("SESSIE_INACTIEF_MINUTEN and SESSIE_MAX_UREN must be 1 or more.")
SESSION_COOKIE_AGE = SESSIE_MAX_UREN * 3600
SECURE_HTTPS = env_bool("SECURE_HTTPS", False)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = SECURE_HTTPS
if SECURE_HTTPS:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    # Every subdomain is HTTPS-only too: no cookie can leak over plain HTTP through a sibling host.
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    # The preload directive only lets the domain be submitted to the browsers' list (a registrable domain,
    # by its owner); set SECURE_HSTS_PRELOAD=0 where that must be ruled out.
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

# The reverse proxies in front of the portal (addresses or networks, e.g. 10.0.0.5,10.1.0.0/16). Only a
# request from one of these has its X-Forwarded-For believed (toegang.adres); without any, REMOTE_ADDR is
# the client. The log-in brake, the API throttles and the audit log count by this address.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", [])
for _proxy in TRUSTED_PROXIES:
    try:
        ipaddress.ip_network(_proxy, strict=False)
    except ValueError as exc:
        raise ImproperlyConfigured(f"TRUSTED_PROXIES holds {_proxy!r}, which is no IP address or network.") from exc

# Content-Security-Policy: everything from this origin, nothing from elsewhere.
# Plotly needs inline style attributes and blob: workers.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; worker-src 'self' blob:; "
    "frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'"
)

# Base layer of the maps (issue 11): a raster tile URL template with {z}/{x}/{y} (e.g. the PDOK BRT
# achtergrondkaart, https://service.pdok.nl/brt/achtergrondkaart/wmts/v2_0/standaard/EPSG:3857/{z}/{x}/{y}.png)
# or a MapLibre style URL (ending in .json). Empty (the default): the offline drawing of the stored boundaries,
# nothing is loaded from elsewhere. When set, the CSP allows exactly that URL's host for images and fetches
# (wijkportaal.middleware.csp_met_ondergrond).
KAART_ONDERGROND_URL = os.environ.get("KAART_ONDERGROND_URL", "").strip()
KAART_ONDERGROND_BRON = os.environ.get("KAART_ONDERGROND_BRON", "Achtergrondkaart: PDOK / Kadaster (CC BY 4.0)")
if KAART_ONDERGROND_URL:
    from urllib.parse import urlsplit as _urlsplit

    _ondergrond = _urlsplit(KAART_ONDERGROND_URL)
    if _ondergrond.scheme not in ("https", "http") or not _ondergrond.netloc:
        raise ImproperlyConfigured(
            "KAART_ONDERGROND_URL must be an http(s) URL (a tile template or a MapLibre style), "
            f"not {KAART_ONDERGROND_URL!r}."
        )
    if not KAART_ONDERGROND_URL.lower().split("?")[0].endswith(".json") and not all(
        d in KAART_ONDERGROND_URL for d in ("{z}", "{x}", "{y}")
    ):
        raise ImproperlyConfigured(
            "KAART_ONDERGROND_URL is neither a tile template with {z}, {x} and {y} nor a MapLibre style (.json)."
        )

# Where the CBS OData v3 API lives; tests point this at a local HTTP server.
CBS_ODATA_URL = os.environ.get("CBS_ODATA_URL", "https://opendata.cbs.nl/ODataApi/odata")
# Tables CBS publishes for third parties (the Politie's 47018NED) live on a sibling service.
CBS_POLITIE_ODATA_URL = os.environ.get("CBS_POLITIE_ODATA_URL", "https://dataderden.cbs.nl/ODataApi/odata")
# Address search (street, address, postcode -> buurt): the PDOK Locatieserver v3.1. Empty: off (the search
# then finds wijken and buurten by name only).
PDOK_LOCATIESERVER_URL = os.environ.get(
    "PDOK_LOCATIESERVER_URL", "https://api.pdok.nl/bzk/locatieserver/search/v3_1"
).rstrip("/")
PDOK_TIMEOUT = env_int("PDOK_TIMEOUT", 4)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}

# The municipality this portal is for; its wijken form the home page.
GEMEENTE_CODE = os.environ.get("GEMEENTE_CODE", "GM0164")

# Signalen: a reporter's name and contact details are blanked this many months after the signal was
# closed (manage.py anonimiseer_signalen, run nightly).
SIGNALEN_BEWAARTERMIJN_MAANDEN = env_int("SIGNALEN_BEWAARTERMIJN_MAANDEN", 12)
if SIGNALEN_BEWAARTERMIJN_MAANDEN < 0:
    raise ImproperlyConfigured("SIGNALEN_BEWAARTERMIJN_MAANDEN must be 0 or more.")

# Open311 GeoReport v2 (/open311/v2/): the one jurisdiction, who to contact, the agency of a request that was
# not escalated, and the source a request becomes (signalen Bron) when logged through Open311.
OPEN311_JURISDICTIE = os.environ.get("OPEN311_JURISDICTIE", "hengelo.nl")
OPEN311_CONTACT = os.environ.get("OPEN311_CONTACT", "Gemeente Hengelo, wijkgericht werken (14 074)")
OPEN311_AGENTSCHAP = os.environ.get("OPEN311_AGENTSCHAP", "Gemeente Hengelo")
OPEN311_BRON = os.environ.get("OPEN311_BRON", "bewoner")
if OPEN311_BRON not in {"bewoner", "professional", "partner", "wijkronde", "bewonersavond", "telefoon"}:
    raise ImproperlyConfigured(f"OPEN311_BRON {OPEN311_BRON!r} is not a signalen source (e.g. bewoner, partner).")

# MOR (meldingen openbare ruimte): the Signalen instance `import_mor --download` reads (its public geography
# endpoint, e.g. https://api.meldingen.example.nl/signals/v1/public/signals/geography; empty: no download), the
# portal's list of MOR categories and the file that maps each source's categories onto them.
MOR_SIGNALEN_URL = os.environ.get("MOR_SIGNALEN_URL", "").rstrip("/")
MOR_TIMEOUT = env_int("MOR_TIMEOUT", 30)
MOR_CATEGORIELIJST = os.environ.get("MOR_CATEGORIELIJST", str(BASE_DIR / "fixtures" / "mor" / "mor_categorieen.csv"))
MOR_CATEGORIEEN = os.environ.get("MOR_CATEGORIEEN", str(BASE_DIR / "fixtures" / "mor" / "koppeling.csv"))

# The log-in brake and the API throttles count in the cache. One process (runserver, the tests) may keep
# the counts in its own memory; several gunicorn workers must share a cache, or each counts on its own.
# REDIS_URL (redis://host:6379/0) selects Redis; `manage.py check --deploy` fails when it is missing.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    if not REDIS_URL.startswith(("redis://", "rediss://", "unix://")):
        raise ImproperlyConfigured(f"REDIS_URL must be a redis://, rediss:// or unix:// URL, got {REDIS_URL!r}")
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}

# --- Background jobs (Celery) -------------------------------------------------------------------------
# Celery with Redis as broker and result store when CELERY_BROKER_URL (or REDIS_URL) is set; run
# `celery -A wijkportaal worker` and `celery -A wijkportaal beat` next to gunicorn (README). Without a
# broker (the first run) every job runs at once in the process that asks for it: no Redis, no worker.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL") or REDIS_URL
if CELERY_BROKER_URL and not CELERY_BROKER_URL.startswith(("redis://", "rediss://", "unix://", "memory://")):
    raise ImproperlyConfigured(f"CELERY_BROKER_URL must be a redis:// URL, got {CELERY_BROKER_URL!r}")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
if CELERY_TASK_ALWAYS_EAGER:
    CELERY_BROKER_URL = "memory://localhost/"  # never reached in eager mode; keeps Celery from looking for RabbitMQ
CELERY_RESULT_BACKEND = os.environ.get("CELERY_RESULT_BACKEND") or (
    None if CELERY_TASK_ALWAYS_EAGER else CELERY_BROKER_URL
)
CELERY_RESULT_EXPIRES = 7 * 24 * 3600
CELERY_TASK_SERIALIZER = CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
# A job is acknowledged when it has finished, not when it starts: a worker killed mid-job leaves its
# message with the broker, which hands it out again after the visibility timeout. The jobs themselves are
# idempotent (taken.services.uitvoeren): one transaction per job, and a finished job is never run again.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_VISIBILITY_TIMEOUT_S = env_int("CELERY_VISIBILITY_TIMEOUT_S", 3 * 3600)
if CELERY_VISIBILITY_TIMEOUT_S < 1:
    raise ImproperlyConfigured("CELERY_VISIBILITY_TIMEOUT_S must be 1 or more (seconds).")
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": CELERY_VISIBILITY_TIMEOUT_S}
CELERY_RESULT_BACKEND_TRANSPORT_OPTIONS = {"visibility_timeout": CELERY_VISIBILITY_TIMEOUT_S}
CELERY_TIMEZONE = "Europe/Amsterdam"  # the crontab times below are local, across daylight-saving changes
CELERY_WORKER_HIJACK_ROOT_LOGGER = False

from celery.schedules import crontab  # noqa: E402 - only needed for the schedule

CELERY_BEAT_SCHEDULE = {
    "meldingen-direct": {"task": "abonnementen.direct_versturen", "schedule": 300.0},
    "digest-dagelijks": {
        "task": "abonnementen.digests_versturen",
        "schedule": crontab(hour=7, minute=0),
        "args": ("dagelijks",),
    },
    "digest-wekelijks": {
        "task": "abonnementen.digests_versturen",
        "schedule": crontab(hour=7, minute=0, day_of_week="mon"),
        "args": ("wekelijks",),
    },
    "herinneringen": {"task": "abonnementen.herinneringen_versturen", "schedule": crontab(hour=6, minute=45)},
    "signalen-anonimiseren": {"task": "taken.signalen_anonimiseren", "schedule": crontab(hour=3, minute=15)},
    "signalen-publiceren": {"task": "taken.signalen_publiceren", "schedule": crontab(hour=2, minute=30)},
    "berichten-versturen": {"task": "taken.berichten_versturen", "schedule": 60.0},
}

# A partner upload larger than this many bytes is imported as a background job: the API answers 202 at
# once with the job, which the partner follows at /api/v1/taken/<id>/ (status, progress, the report).
TAKEN_UPLOAD_DREMPEL_BYTES = env_int("TAKEN_UPLOAD_DREMPEL_BYTES", 1024 * 1024)
if TAKEN_UPLOAD_DREMPEL_BYTES < 0:
    raise ImproperlyConfigured("TAKEN_UPLOAD_DREMPEL_BYTES must be 0 or more.")
# Publish the signal counts again (a job, in the background) after every write of a signal. Default: only
# with a worker; in the first run (no broker) `manage.py publiceer_signalen` publishes them by hand.
SIGNALEN_PUBLICEREN_NA_SCHRIJVEN = env_bool("SIGNALEN_PUBLICEREN_NA_SCHRIJVEN", not CELERY_TASK_ALWAYS_EAGER)
# Immediate notifications after a write of signals (a job a few seconds later); beat also runs them every
# 5 minutes. Default: only with a worker.
ABONNEMENTEN_DIRECT_NA_SCHRIJVEN = env_bool("ABONNEMENTEN_DIRECT_NA_SCHRIJVEN", not CELERY_TASK_ALWAYS_EAGER)
# What signalen calls after a committed write (dotted paths: signalen does not import the apps above it).
SIGNALEN_NA_SCHRIJVEN = ["taken.tasks.publicatie_na_schrijven", "abonnementen.tasks.direct_na_schrijven"]

# --- REST API (/api/v1/, Django REST framework) -----------------------------------------------------
# Machine clients authenticate with an API token (toegang.authentication), people in the browser with
# their session. Everything needs a log-in unless a view says otherwise (the open-data reads do).
# Throttling: per token (or per logged-in user) and per address for anonymous clients; the rates can be
# raised through the environment (CI's schemathesis run does). Every request is written to the audit log
# (toegang.audit). The schema is served at /api/schema/, Swagger UI from static files at /api/docs/.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "toegang.authentication.TokenAuthenticatie",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    # JSON and form bodies with a NUL or other control character are a 400 (toegang.invoer), not a 500.
    "DEFAULT_PARSER_CLASSES": [
        "toegang.invoer.StrikteJSONParser",
        "toegang.invoer.StrikteFormParser",
        "toegang.invoer.StrikteMultiPartParser",
    ],
    "DEFAULT_PAGINATION_CLASS": "api.paginering.Paginering",
    "PAGE_SIZE": 1000,
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_THROTTLE_CLASSES": [
        "toegang.authentication.TokenOfGebruikerThrottle",
        "toegang.authentication.AnoniemThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": os.environ.get("API_RATE_ANONIEM", "120/minute"),
        "token": os.environ.get("API_RATE_TOKEN", "600/minute"),
    },
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Wijkportaal Hengelo API",
    "DESCRIPTION": (
        "Open en gedeelde wijkcijfers van de gemeente Hengelo: gebieden, indicatoren en waarden in lange vorm, "
        "en het leveren van waarden door partners. Zonder sleutel zijn de openbare datasets leesbaar; "
        "met een API-sleutel (`Authorization: Token <sleutel>`) ook wat uw organisatie mag zien."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": r"/api/v[0-9]",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "signalen.api.schema_strikte_invoer",
        "toegang.invoer.schema_geen_stuurtekens",  # the edge's refusal of control characters, in the schema
    ],
    # The signalen enums share field names ('status', 'bron') with others: name them explicitly.
    "ENUM_NAME_OVERRIDES": {
        "StatusEnum": "indicatoren.models.Status.values",  # the names these had before the signalen enums existed
        "SoortEnum": "indicatoren.models.Soort.values",
        "SignaalStatusEnum": "signalen.api.STATUSSEN",
        "EscalatieStatusEnum": "signalen.api.ESCALATIESTATUSSEN",
        "HistorieSoortEnum": "signalen.api.HISTORIESOORTEN",
        "SignaalBronEnum": "signalen.api.BRONNEN",
    },
}

# Markers on the trend charts from a layer above indicatoren (the wijkagenda's actions); indicatoren only
# knows this dotted path. Empty: no markers.
TREND_MARKERINGEN = "wijkagenda.markeringen.trend_markeringen"
# Hotspots drawn on the map of a published signal count (/kaart/): a function of the signals app.
KAART_HOTSPOTS = "signalen.kaart.kaart_hotspots"
