"""Where the database lives and which policy file is in force, from the environment."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_dir


def data_dir() -> Path:
    """The per-user folder of the embedded database (``MAMORU_HOME`` overrides it)."""
    home = os.environ.get("MAMORU_HOME")
    path = Path(home) if home else Path(user_data_dir("mamoru", appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def database_url(explicit: str | None = None) -> str:
    """``--db``, else ``MAMORU_DATABASE_URL``, else SQLite in the per-user data folder."""
    if explicit:
        return _expand(explicit)
    env = os.environ.get("MAMORU_DATABASE_URL")
    if env:
        return _expand(env)
    return f"sqlite:///{data_dir() / 'mamoru.sqlite'}"


def _expand(url: str) -> str:
    if "://" not in url:  # a bare file path means SQLite
        return f"sqlite:///{Path(url).expanduser().resolve()}"
    if url.startswith("postgresql://"):
        return "postgresql+psycopg://" + url[len("postgresql://"):]
    return url


def policy_path() -> Path | None:
    value = os.environ.get("MAMORU_POLICY")
    return Path(value) if value else None


def load_policy(path: Path | None = None):
    """The default policy, with the company's file (``MAMORU_POLICY``) merged over it."""
    from importlib import resources

    import yaml

    from mamoru.domain.policy import Policy, merge
    from mamoru.errors import InvalidInput

    data = yaml.safe_load((resources.files("mamoru.domain") / "default_policy.yaml").read_text("utf-8"))
    path = path or policy_path()
    if path is not None:
        try:
            override = yaml.safe_load(Path(path).read_text("utf-8")) or {}
        except (OSError, yaml.YAMLError) as exc:
            raise InvalidInput("policy.unreadable", path=str(path), detail=str(exc)) from exc
        if not isinstance(override, dict):
            raise InvalidInput("policy.unreadable", path=str(path), detail="not a mapping")
        data = merge(data, override)
    return Policy.from_mapping(data)
