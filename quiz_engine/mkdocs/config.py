"""The plugin's settings, as written under `plugins: - quiz:` in mkdocs.yml: each with its type and its range.

In the style of Material's plugins (a typed `Config` class of MkDocs config options). A value out of range
stops the build before it starts, with the file, the line, the value and what is allowed; MkDocs prints it as

    ERROR    -  Config value 'plugins': Plugin 'quiz' option 'mastery': mkdocs.yml:42: `mastery: 1.5` is not
                allowed; mastery takes a number greater than 0 and at most 1, such as 0.8 (80% of a lesson's points).
    Aborted with a configuration error!
"""

from __future__ import annotations

import os
from typing import Any, Generic, TypeVar

import yaml
from mkdocs.config import base
from mkdocs.config.base import ValidationError

from .. import progress
from ..i18n import languages
from ..settings import Setting

T = TypeVar("T")

BOOT_TIMEOUT_RANGE = (5, 600)
"""Seconds: under 5 a slow phone could never start Python; over 10 minutes no reader is still waiting."""


def shown(value: object) -> str:
    """A value as an author wrote it in YAML: `1.5`, `true`, `xx`, `null`."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, str):
        return value if value.strip() == value and value else repr(value)
    return str(value)


class Option(Generic[T], base.BaseConfigOption[T]):
    """A plugin option checked by a Setting of the one schema (``quiz_engine.settings``): its type, its
    range and the words of its error come from there."""

    def __init__(self, setting: Setting) -> None:
        super().__init__()
        self.setting = setting
        self.default = setting.default

    def run_validation(self, value: object) -> T:
        if value is None and self.default is None:  # an optional setting left out
            return None  # type: ignore[return-value]
        try:
            return self.setting.parse(value)
        except ValueError:
            raise ValidationError(
                f"`{self._name}: {shown(value)}` is not allowed; {self._name} takes {self.setting.takes()}"
            ) from None


def flag(name: str, default: bool) -> Option[bool]:
    return Option(Setting(name, "boolean", default))


def path(name: str, default: str) -> Option[str]:
    return Option(Setting(name, "text", default, allowed_text="a path, relative to mkdocs.yml"))


class QuizConfig(base.Config):
    enabled = flag("enabled", True)
    """Turn the plugin off (the questions still render; they are not checked across the site)."""

    runtime_dir = path("runtime_dir", "node_modules/pyodide")
    """Where the Pyodide runtime from npm lives, relative to mkdocs.yml."""

    build_dir = path("build_dir", "build")
    """Where the engine wheel and its lock file are built, relative to mkdocs.yml."""

    boot_timeout = Option(
        Setting(
            "boot_timeout", "integer", 60, low=BOOT_TIMEOUT_RANGE[0], high=BOOT_TIMEOUT_RANGE[1], example="60 (seconds)"
        )
    )
    """Seconds the browser waits for Python to start before it offers to try again."""

    mastery = Option(
        Setting(
            "mastery",
            "number",
            progress.DEFAULT_MASTERY,
            low=0,
            high=1,
            strict_low=True,
            example="0.8 (80% of a lesson's points)",
        )
    )
    """The share of a lesson's points that masters it (0.8: 80%); 1 is accepted as well as 1.0."""

    language = Option(
        Setting(
            "language",
            "choice",
            None,
            allowed=tuple(languages()),
            allowed_text=f"one of {', '.join(languages())} (the languages in quiz_engine/locales/); "
            "leave it out to follow the theme's language",
        )
    )
    """Language of the quiz interface; by default the theme's language (English when we do not have it)."""

    snapshot = flag("snapshot", True)
    """Start Python from a memory snapshot made at build time (needs Node.js; about 4 times faster)."""

    compress = flag("compress", True)
    """Write gzip copies of the site's files, which the workshop server (serve.py) sends when it can."""

    offline = flag("offline", True)
    """Give the site a service worker, so that after one visit it works without a connection."""

    def validate(self) -> tuple[list[tuple[str, Exception]], list[tuple[str, str]]]:
        """MkDocs' validation, with each message led by the file and the line of the setting."""
        failed, warnings = super().validate()
        failed = [(key, ValidationError(f"{self.where(key)}: {error}")) for key, error in failed]
        warnings = [(key, f"{self.where(key)}: {warning}") for key, warning in warnings]
        return failed, warnings  # type: ignore[return-value]

    def where(self, key: str) -> str:
        """`mkdocs.yml:42`: the config file (relative to the current folder) and the line of ``key`` in the
        plugin's settings; the file alone when the line cannot be found (a setting from `INHERIT`)."""
        path = self.config_file_path
        if not path:
            return "mkdocs.yml"
        try:
            name = os.path.relpath(path)
        except ValueError:  # another drive on Windows
            name = path
        line = setting_line(path, "quiz", key)
        return f"{name}:{line}" if line else name


def setting_line(path: str, plugin: str, key: str) -> int | None:
    """The line of ``key`` under ``plugins: - <plugin>:`` in a YAML config file, or None."""
    try:
        with open(path, encoding="utf-8-sig") as handle:
            root = yaml.compose(handle, Loader=yaml.SafeLoader)  # nodes only: custom tags need no constructor
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None
    plugins = _value(root, "plugins")
    entries: list[Any] = []
    if isinstance(plugins, yaml.SequenceNode):
        entries = [_value(item, plugin) for item in plugins.value]
    elif isinstance(plugins, yaml.MappingNode):
        entries = [_value(plugins, plugin)]
    found = None  # the last, as YAML keeps the last of a key written twice
    for settings in entries:
        for name, value in settings.value if isinstance(settings, yaml.MappingNode) else []:
            if isinstance(name, yaml.ScalarNode) and name.value == key:
                found = value.start_mark.line + 1
    return found


def _value(node: Any, key: str) -> Any:
    if not isinstance(node, yaml.MappingNode):
        return None
    return next((value for name, value in node.value if isinstance(name, yaml.ScalarNode) and name.value == key), None)
