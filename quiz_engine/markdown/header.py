"""The settings under a block's header (the YAML indented by four spaces): read once, with each bad key or
value reported at its line, from the one settings schema (``quiz_engine.settings`` and each type's own)."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Callable
from typing import Any

import yaml

from .. import settings as settings_schema
from ..model import ID_PATTERN, QUESTION_TYPES
from ..types import TYPES
from ..types.syntax import QuizSyntaxError
from .scan import YAML_LINE, LineNumber

COMMON_KEYS = ("type", "id", *(setting.name for setting in settings_schema.COMMON))

TYPE_KEYS = {name: (*(s.name for s in kind.settings), *kind.extra_keys) for name, kind in TYPES.items()}

POOL_KEYS = ("draw", "id", "exam")

QUESTION_KEYS = COMMON_KEYS + tuple(key for keys in TYPE_KEYS.values() for key in keys)

SETTING_LIKE = re.compile(r"^(?P<indent>\s*)(?P<key>[a-z]+)[ ]*:(?:\s|$)")

TOP_KEY = re.compile(r"^(?P<indent>[ ]*)(?P<key>[\w-]+)[ ]*:(?:\s|$)")


def split_settings(lines: list[str], start: int, end: int, indent: str, number: LineNumber) -> tuple[list, list]:
    body: list[tuple[int, str]] = []
    for j in range(start + 1, end):
        raw = lines[j]
        if raw.strip() and not raw.startswith(indent):
            raise QuizSyntaxError(
                number(j),
                "this line is less indented than the `/// quiz` line above it",
                f"indent every line of the question by at least {len(indent)} spaces, like its header",
            )
        body.append((number(j), raw[len(indent) :]))
    settings: list[tuple[int, str]] = []
    while body and YAML_LINE.match(body[0][1]):
        settings.append(body.pop(0))
    return settings, body


def stray_settings(body: list[tuple[int, str]], keys: tuple[str, ...], fence: str, name: str) -> None:
    """Settings the reader cannot see as settings, which would otherwise be read as the block's text
    (and give "the question has no `type`"): cut off from the header by a blank line, or not indented
    by four ordinary spaces."""
    blank = 0
    for number, line in body:
        if not line.strip():
            blank = blank or number
            continue
        setting = SETTING_LIKE.match(line)
        if setting is None or setting["key"] not in keys:
            return
        indent, key = setting["indent"], setting["key"]
        text = "question's" if name == "quiz" else "pool's"
        if blank:
            if not indent:
                return  # a paragraph that happens to start with `word:`
            raise QuizSyntaxError(
                blank,
                f"this blank line cuts the settings below it (`{key}:` on line {number}) off from the "
                f"`{fence} {name}` line, so they would be read as the {text} text, not as settings",
                f"remove the blank line: the settings go right under the `{fence} {name}` line, "
                "indented by four spaces",
            )
        odd = next((char for char in indent if char != " "), None)
        if odd is not None:
            space = unicodedata.name(odd, f"U+{ord(odd):04X}").lower()
            raise QuizSyntaxError(
                number,
                f"`{key}:` is indented with a {space}, not ordinary spaces, so it would be read as the "
                f"{text} text, not as a setting",
                "indent the settings by four ordinary spaces",
            )
        indented = f"indented by {len(indent)} space{'' if len(indent) == 1 else 's'}" if indent else "not indented"
        raise QuizSyntaxError(
            number,
            f"`{key}:` is {indented}, so it would be read as the {text} text, not as a setting",
            f"indent the settings by four spaces under the `{fence} {name}` line",
        )


class SettingsLoader(yaml.SafeLoader):
    """YAML as an author means it: only `true` and `false` are booleans (as in YAML 1.2), so that
    `labels: [No, Yes]` stays two words."""


SettingsLoader.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
SettingsLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def read_yaml(settings_lines: list[tuple[int, str]], header_line: int) -> dict[str, Any]:
    if not settings_lines:
        return {}
    first = settings_lines[0][0]
    for number, line in settings_lines:
        joined = re.search(r"/{3,}[ ]*quiz(?:-pool)?\b", line, re.I)
        if joined:
            raise QuizSyntaxError(
                number,
                f"`{joined[0]}` is at the end of a setting's line (`{line.strip()}`), where it opens no block",
                f"start a new line for `{joined[0]}`, after a blank line",
            )
    try:
        data = yaml.load("\n".join(line for _, line in settings_lines), Loader=SettingsLoader)
    except (yaml.YAMLError, RecursionError) as exc:  # brackets nested a thousand deep exhaust the parser
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or (
            "nested too deeply" if isinstance(exc, RecursionError) else "cannot be read"
        )
        raise QuizSyntaxError(
            first + (mark.line if mark is not None else 0),
            f"the settings under the header are not valid YAML ({problem})",
            "write one `key: value` per line, indented by four spaces, for example `    type: single`",
        ) from None
    if not isinstance(data, dict):
        raise QuizSyntaxError(
            first,
            "the lines indented under the header must be settings such as `type: single`",
            "write one `key: value` per line, indented by four spaces",
        )
    seen: dict[str, int] = {}
    top = len(settings_lines[0][1]) - len(settings_lines[0][1].lstrip(" "))
    for number, line in settings_lines:  # YAML keeps the last of two equal keys without a word
        key = TOP_KEY.match(line)
        if key is None or len(key["indent"]) != top:
            continue
        if key["key"] in seen:
            raise QuizSyntaxError(
                number,
                f"`{key['key']}` is set twice, on lines {seen[key['key']]} and {number}",
                f"keep one `{key['key']}:` line",
            )
        seen[key["key"]] = number
    return data


def line_of_key(key: str, settings_lines: list[tuple[int, str]], default: int) -> int:
    for number, line in settings_lines:
        if re.match(rf"^\s*{re.escape(str(key))}\s*:", line):
            return number
    return default


def known_keys(data: dict[str, Any], keys: tuple[str, ...], settings_lines: list[tuple[int, str]]) -> None:
    for key in data:
        if key not in keys:
            close = difflib.get_close_matches(str(key), keys, n=1)
            hint = f"did you mean `{close[0]}`? " if close else ""
            raise QuizSyntaxError(
                line_of_key(key, settings_lines, settings_lines[0][0]),
                f"unknown setting `{key}`",
                f"{hint}the settings here are: {', '.join(keys)}",
            )


def read_id(data: dict[str, Any], settings_lines: list[tuple[int, str]]) -> str | None:
    if "id" not in data:
        return None
    qid = data["id"]
    if not isinstance(qid, str) or not ID_PATTERN.match(qid):
        raise QuizSyntaxError(
            line_of_key("id", settings_lines, 0),
            f"`id: {qid}` is not a valid id",
            "use lower-case letters, digits and hyphens, starting and ending with a letter or digit, "
            "at most 80 characters, for example `id: love-stories-1`",
        )
    return qid


def read_settings(header_line: int, settings_lines: list[tuple[int, str]]) -> dict[str, Any]:
    if not settings_lines:
        raise QuizSyntaxError(
            header_line,
            "the question has no `type`",
            "add a line indented by four spaces under the header, for example `    type: single` "
            f"(types: {', '.join(QUESTION_TYPES)})",
        )
    data = read_yaml(settings_lines, header_line)
    first = settings_lines[0][0]
    qtype = data.get("type")
    if qtype is None:
        raise QuizSyntaxError(
            first,
            "the question has no `type`",
            f"add `    type: ...` under the header; the types are: {', '.join(QUESTION_TYPES)}",
        )
    if qtype not in QUESTION_TYPES:
        close = difflib.get_close_matches(str(qtype), QUESTION_TYPES, n=1)
        hint = f"did you mean `{close[0]}`? " if close else ""
        raise QuizSyntaxError(
            line_of_key("type", settings_lines, first),
            f"unknown question type `{qtype}`",
            f"{hint}the types are: {', '.join(QUESTION_TYPES)}",
        )
    kind = TYPES[qtype]
    common = settings_schema.applicable(settings_schema.COMMON, kind.scored)
    known_keys(data, ("type", "id", *(s.name for s in common), *TYPE_KEYS[qtype]), settings_lines)

    def line_of(key: str) -> int:
        return line_of_key(key, settings_lines, first)

    settings: dict[str, Any] = {"type": qtype, "explicit_id": read_id(data, settings_lines)}
    for setting in common:
        if setting.name in data:
            settings[setting.name] = _setting(setting, data[setting.name], line_of)
    if "objective" in settings:
        settings["objective_line"] = line_of("objective")
    own = {s.name: _setting(s, data[s.name], line_of) for s in kind.settings if s.name in data}
    settings["settings"] = {**own, **kind.author_settings(data, line_of)}
    return settings


def _setting(setting: settings_schema.Setting, value: Any, line_of: Callable[[str], int]) -> Any:
    """An author's value of a setting, or QuizSyntaxError at its line with the allowed range."""
    try:
        return setting.parse(value, author=True)
    except ValueError:
        if setting.kind == "choice":
            raise QuizSyntaxError(line_of(setting.name), f"unknown {setting.name} `{value}`", setting.fix) from None
        raise QuizSyntaxError(
            line_of(setting.name), f"`{setting.name}: {value}` {setting.problem}", setting.fix
        ) from None
