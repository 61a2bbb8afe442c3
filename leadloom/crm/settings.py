"""The one settings object. Every environment variable Leadloom reads is declared here (prefix LEADLOOM_)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_SECRET = "dev-only-change-me"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="LEADLOOM_", env_file=".env", extra="ignore")

    env: Literal["development", "test", "production"] = "development"
    # No DATABASE_URL: Leadloom starts its own embedded Postgres (pgserver) in data_dir.
    database_url: str | None = Field(
        default=None, validation_alias=AliasChoices("DATABASE_URL", "LEADLOOM_DATABASE_URL")
    )
    data_dir: Path = Path(".leadloom")
    # The application connects as this role; it owns nothing and cannot bypass row-level security.
    app_db_role: str = "leadloom_app"
    app_db_password: str = "leadloom-app-dev"
    pool_min_size: int = 2
    pool_max_size: int = 20
    # Longest wait for a free pooled connection in the API process before answering 503 (overload sheds
    # load fast instead of queueing requests; background work in the same process waits as long).
    pool_timeout_s: float = 2.0
    secret_key: str = DEFAULT_SECRET
    host: str = "127.0.0.1"
    port: int = 8000
    model: str = "local"
    max_body_bytes: int = 1_000_000
    max_upload_bytes: int = 50_000_000
    request_timeout_s: float = 30.0
    # Bulk changes touching more records than this pause for a person's approval (per-org override in settings).
    approval_threshold: int = 10
    # Background workers (knowledge indexer, lead rescoring, retraining) run inside `leadloom serve` by
    # default; set false when they run apart with `leadloom worker` so API processes keep their CPU.
    run_workers: bool = True
    # Agent run budgets: a run that exceeds one ends with a clear message instead of running on.
    agent_recursion_limit: int = 60
    agent_max_tool_calls: int = 25
    agent_timeout_s: float = 120.0
    # Slack bot (integrations/slack): events arrive at POST /slack/events, signed with the signing secret.
    # slack_api_url points the Web API elsewhere (tests: a local fake Slack); Socket Mode needs the app token.
    slack_signing_secret: str | None = None
    slack_bot_token: str | None = None
    slack_api_url: str = "https://slack.com/api/"
    slack_socket_mode: bool = False
    slack_app_token: str | None = None
    # Sign-in (crm/services/auth.py): browser sessions, one-time tokens, lockout after failed logins.
    session_ttl_s: int = 12 * 3600
    invitation_ttl_s: int = 7 * 24 * 3600
    password_reset_ttl_s: int = 3600
    login_max_failures: int = 5  # per email, since its last successful login
    login_ip_max_failures: int = 20  # per client address, across emails (password spraying)
    login_lockout_s: int = 900
    # Abuse limits (api/security.py): requests per minute per API key / signed-in user / client address.
    rate_limit: str = "600/minute"
    rate_limit_anonymous: str = "60/minute"
    # Browser origins allowed by CORS (none by default: the API is called server-to-server or same-origin).
    cors_origins: list[str] = Field(default_factory=list)
    # LangSmith tracing switches on only when a key is set (read without the LEADLOOM_ prefix too).
    langsmith_api_key: str | None = Field(
        default=None, validation_alias=AliasChoices("LANGSMITH_API_KEY", "LEADLOOM_LANGSMITH_API_KEY")
    )
    langsmith_project: str = Field(
        default="leadloom", validation_alias=AliasChoices("LANGSMITH_PROJECT", "LEADLOOM_LANGSMITH_PROJECT")
    )

    @field_validator("database_url")
    @classmethod
    def _normalise_url(cls, v: str | None) -> str | None:
        if not v:
            return None
        # SQLAlchemy-style URLs are common in .env files; psycopg wants plain postgresql://.
        for prefix in ("postgresql+psycopg://", "postgresql+psycopg2://", "postgresql+asyncpg://", "postgres://"):
            if v.startswith(prefix):
                return "postgresql://" + v[len(prefix) :]
        return v

    @model_validator(mode="after")
    def _refuse_default_secrets(self) -> Settings:
        if self.env == "production":
            if self.secret_key == DEFAULT_SECRET:
                raise ValueError("LEADLOOM_SECRET_KEY must be set to a random value in production")
            if self.app_db_password == "leadloom-app-dev":
                raise ValueError("LEADLOOM_APP_DB_PASSWORD must be set in production")
        return self

    @property
    def embedded(self) -> bool:
        return self.database_url is None


@lru_cache
def get_settings() -> Settings:
    return Settings()
