"""Read one YAML file into plain Python data plus a map of where every value stands.

Contract:

* only the safe subset of YAML (no tags that build objects);
* numbers with a fraction become :class:`~decimal.Decimal` (never float); dates stay dates;
* a duplicate key in a mapping is an error (PyYAML silently keeps the last one);
* bounded: files over :data:`~generator.load.limits.MAX_YAML_BYTES`, nesting deeper than
  ``MAX_YAML_DEPTH`` and more than ``MAX_YAML_ALIASES`` aliases are findings (checked on the
  event stream before anything is built, so neither a deep file nor an alias bomb can
  exhaust the stack or the memory); an impossible date such as ``2026-02-30`` stays text,
  so the model reports it with its line;
* :func:`read_yaml` never raises for bad input: it returns ``None`` data and findings with
  the file and line of the problem.

The position map ``positions`` maps a path (tuple of keys and list indexes) to its 1-based
line and column, so a validation error at ``("fees", 2, "price")`` can point to a line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, Protocol

import yaml

from generator.findings import Findings
from generator.load.limits import MAX_YAML_ALIASES, MAX_YAML_BYTES, MAX_YAML_DEPTH, too_big

_Loader: type[yaml.CSafeLoader] | type[yaml.SafeLoader]
try:  # libyaml's parser is several times faster; the pure-Python one behaves the same
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _Loader = yaml.SafeLoader

Path_ = tuple[Any, ...]


@dataclass
class YamlDoc:
    data: Any
    positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def line_of(self, path: Path_) -> tuple[int | None, int | None]:
        """The line/column of ``path`` or of its nearest ancestor that has one."""
        path = tuple(path)
        while True:
            if path in self.positions:
                return self.positions[path]
            if not path:
                return (None, None)
            path = path[:-1]


class _Converter:
    def __init__(self, rel: str, findings: Findings) -> None:
        self.rel = rel
        self.findings = findings
        self.positions: dict[Path_, tuple[int, int]] = {}
        self._constructor = yaml.SafeLoader.__new__(yaml.SafeLoader)
        yaml.constructor.SafeConstructor.__init__(self._constructor)

    def convert(self, node: yaml.Node, path: Path_) -> Any:
        self.positions[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.MappingNode):
            out: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    self.findings.add(
                        "yaml-merge-key", self.rel, "不支持 YAML 合并键“<<”",
                        line=key_node.start_mark.line + 1, hint="请把内容直接写出来。",
                    )
                    continue
                key = self.scalar(key_node)
                if not isinstance(key, (str, int)):
                    key = str(key)
                if key in out:
                    self.findings.add(
                        "yaml-duplicate-key", self.rel, f"键“{key}”重复出现，后一个会覆盖前一个",
                        line=key_node.start_mark.line + 1, column=key_node.start_mark.column + 1,
                        field=str(key), hint="删除或合并重复的键。",
                    )
                out[key] = self.convert(value_node, path + (key,))
                self.positions[path + (key,)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            return out
        if isinstance(node, yaml.SequenceNode):
            return [self.convert(child, path + (i,)) for i, child in enumerate(node.value)]
        return self.scalar(node)

    def scalar(self, node: yaml.Node) -> Any:
        if not isinstance(node, yaml.ScalarNode):
            return str(node.value)
        if node.tag == "tag:yaml.org,2002:str":  # the common case, without the constructor's overhead
            return node.value
        if node.tag == "tag:yaml.org,2002:float":
            text = node.value.replace("_", "")
            try:
                return Decimal(text)
            except Exception:
                return node.value
        if node.tag == "tag:yaml.org,2002:timestamp":
            try:
                return self._constructor.construct_object(node, deep=True)
            except ValueError:  # 2026-02-30: left as text, the model says which date is impossible
                return node.value
        return self._constructor.construct_object(node, deep=True)


_OPEN = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
_CLOSE = (yaml.MappingEndEvent, yaml.SequenceEndEvent)


def _may_exceed(text: str) -> bool:
    """Cheap necessary condition for too deep nesting or too many aliases (most files: False)."""
    if "*" in text:
        return True
    flow = text.count("[") + text.count("{")
    block = max((len(line) - len(line.lstrip(" -")) for line in text.splitlines()), default=0)
    return flow + block > MAX_YAML_DEPTH


def within_bounds(text: str, rel: str, findings: Findings) -> bool:
    """False (and a finding) when ``text`` nests too deep or has too many aliases; cheap for
    ordinary files. Also for YAML read outside this module (the site's ``mkdocs.yml``)."""
    return not _may_exceed(text) or _bounds(text, rel, findings)


class _Mark(Protocol):
    """Where the parser is (0-based); libyaml's and the pure-Python parser's marks both fit."""
    line: int
    column: int


def _at(mark: _Mark | None) -> tuple[int | None, int | None]:
    """1-based line and column of a parser mark (the parser gives every event one)."""
    return (mark.line + 1, mark.column + 1) if mark is not None else (None, None)


def _bounds(text: str, rel: str, findings: Findings) -> bool:
    """Walk the event stream (no tree is built); a finding and False when over a limit."""
    depth = aliases = 0
    for event in yaml.parse(text, Loader=_Loader):
        line, column = _at(event.start_mark)
        if isinstance(event, _OPEN):
            depth += 1
            if depth > MAX_YAML_DEPTH:
                findings.add("yaml-too-deep", rel, f"嵌套超过 {MAX_YAML_DEPTH} 层，未读取",
                             line=line, column=column,
                             hint="参照示例文件的结构书写；真实的记录不会嵌套这么深。")
                return False
        elif isinstance(event, _CLOSE):
            depth -= 1
        elif isinstance(event, yaml.AliasEvent):
            aliases += 1
            if aliases > MAX_YAML_ALIASES:
                findings.add("yaml-too-many-aliases", rel,
                             f"引用（*别名）超过 {MAX_YAML_ALIASES} 个，未读取", line=line,
                             column=column, hint="不要用 &锚点 / *别名，把内容直接写出来。")
                return False
    return True


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")


def _code(character: object) -> int:
    return character if isinstance(character, int) else ord(str(character)[:1] or "\0")


_FULL_WIDTH_COLON = re.compile(r"^[ \t]*(?:-[ \t]+)?([A-Za-z_][\w.-]*)[ \t]*：", re.M)
_GENERIC_HINT = "检查缩进（只用空格，不用 Tab）、冒号后的空格和引号是否成对。"
# PyYAML's problem text -> (message in Chinese, use the mark where the construct began, hint)
_PROBLEMS: tuple[tuple[str, str, bool, str], ...] = (
    ("could not find expected ':'", "这一行缺少“键: 值”中的冒号，或冒号后面没有空格", True,
     "写成“键: 值”，冒号是英文冒号，后面加一个空格。"),
    ("mapping values are not allowed", "这里不能出现“: ”：值中含有冒号加空格，或缩进不对", False,
     "值中有“: ”时给整个值加引号（'…'），或检查这一行的缩进。"),
    ("found character '\\t' that cannot start any token", "用了 Tab 键缩进", False, "缩进只能用空格。"),
    ("found a tab character", "用了 Tab 键缩进", False, "缩进只能用空格。"),
    ("found character that cannot start any token", "这一行有不能出现在开头的字符（多为 Tab 缩进，或 @、` 等符号）", False,
     "缩进只能用空格；以 @ 或 ` 开头的值要加引号。"),
    ("found unexpected end of stream", "引号没有成对：从这一行开始的引号一直没有结束", True,
     "在值的末尾补上引号，或删除多余的引号。"),
    ("found unknown escape character", "双引号中的反斜杠“\\”写法不对", False, "改用单引号（'…'），或写成两个反斜杠。"),
    ("expected <block end>, but found", "缩进不一致：这一行与同一层的其他行没有对齐", False,
     "同一层的键左边对齐，只用空格缩进。"),
    ("did not find expected key", "缩进不一致：这一行与同一层的其他行没有对齐", False, "同一层的键左边对齐，只用空格缩进。"),
    ("did not find expected '-' indicator", "列表项没有对齐：每项都以“- ”开头并左边对齐", False,
     "列表中的每一项以“- ”开头，左边对齐。"),
    ("found undefined alias", "用了没有定义的 *别名", False, "不用 &锚点/*别名，把内容直接写出来。"),
)


def explain(exc: yaml.MarkedYAMLError, text: str) -> tuple[str, int | None, int | None, str]:
    """A PyYAML syntax error as a Chinese message with the line of the mistake (PyYAML often
    names the line after it): (message, line, column, hint)."""
    problem_line = exc.problem_mark.line + 1 if exc.problem_mark else None
    for match in _FULL_WIDTH_COLON.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        if problem_line is None or line <= problem_line:
            column = match.end() - match.start() + (match.start() - text.rfind("\n", 0, match.start()) - 1)
            return (f"键“{match.group(1)}”后面用了中文冒号“：”", line, column,
                    "改成英文冒号加一个空格，如“name: 兰亭苑”（输入法切换到英文再输入冒号）。")
    problem = exc.problem or ""
    for english, message, at_start, hint in _PROBLEMS:
        if problem.startswith(english):
            mark = (exc.context_mark if at_start else None) or exc.problem_mark
            return (f"YAML 语法错误：{message}", mark.line + 1 if mark else None,
                    mark.column + 1 if mark else None, hint)
    mark = exc.problem_mark or exc.context_mark
    return ("YAML 语法错误：这一行无法读取", mark.line + 1 if mark else None, mark.column + 1 if mark else None,
            _GENERIC_HINT)


def read_yaml(path: Path, rel: str, findings: Findings, raw: bytes | None = None) -> YamlDoc | None:
    """Read ``path`` (or ``raw``, its bytes as a past version had them: nothing is read from
    disk); report problems under the name ``rel``. ``None`` when unreadable."""
    if too_big(path, rel, MAX_YAML_BYTES, findings, "YAML 文件", raw):
        return None
    raw = path.read_bytes() if raw is None else raw
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        findings.add("yaml-encoding", rel, "YAML 文件不是 UTF-8 编码", line=raw.count(b"\n", 0, exc.start) + 1,
                     hint="用支持 UTF-8 的编辑器（如 VS Code）另存为 UTF-8。")
        return None
    try:
        if not within_bounds(text, rel, findings):
            return None
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        message, line, column, hint = explain(exc, text)
        findings.add("yaml-syntax", rel, message, line=line, column=column, hint=hint)
        return None
    except yaml.reader.ReaderError as exc:  # a NUL or another control character
        bad = _CONTROL.search(text)
        findings.add("yaml-syntax", rel, f"YAML 文件含有不允许的控制字符（U+{_code(exc.character):04X}）",
                     line=text.count("\n", 0, bad.start()) + 1 if bad else None,
                     hint="这通常是从别处复制来的隐藏字符：删除这一行后重新输入。")
        return None
    except yaml.YAMLError as exc:
        findings.add("yaml-syntax", rel, f"YAML 语法错误：{exc}", line=1,
                     hint="检查缩进、冒号和引号。")
        return None
    if node is None:
        return YamlDoc(data={}, positions={(): (1, 1)})
    conv = _Converter(rel, findings)
    try:
        data = conv.convert(node, ())
    except yaml.constructor.ConstructorError as exc:
        mark = exc.problem_mark
        findings.add("yaml-value", rel, f"无法识别的值：{exc.problem}",
                     line=mark.line + 1 if mark else None,
                     hint="检查日期是否写成 2026-07-01，是否误用了 !标签。")
        return None
    return YamlDoc(data=data, positions=conv.positions)
