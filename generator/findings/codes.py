"""The registry of finding codes: each code declared once, here.

A :class:`Code` has a stable id (what staff look up in content/data-guide.md, what
``--format github`` uses as the annotation title), its severity, a short Chinese title (the
start of the guide's "含义" cell; the label when warnings are folded, as in "未公示 9 项"),
and a default hint (how to fix it) that a finding uses when its reporter gives no more
specific one. Hints may hold ``{name}`` placeholders filled from the reporter's arguments.

Each code has a :class:`Kind`: ``data`` (a problem in the data folder, what ``check`` lists),
``output`` (a fact about what the build made, such as a character the PDF font lacks: ``build``
reports it, ``check`` does not) or ``command`` (it stops a command, exit code 2: a
configuration, a folder, a tool; carried by a :class:`generator.errors.GeneratorError`).

``warning_when`` is set for the few codes that are errors except in one named situation
(the guide's "级别" cell says so in the same words); every other code has one severity.

To add a code: add a :func:`_code` line below and a row in the guide's section 五
(tests/test_finding_codes.py fails until both agree).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"

    @property
    def label(self) -> str:
        return "错误" if self is Severity.ERROR else "警告"


class Kind(str, Enum):
    DATA = "data"
    OUTPUT = "output"
    COMMAND = "command"


@dataclass(frozen=True)
class Code:
    id: str
    severity: Severity
    title: str
    hint: str = ""
    warning_when: str | None = None
    kind: Kind = Kind.DATA

    def hint_for(self, **values: object) -> str | None:
        """The default hint with ``values`` filled in; ``None`` when the code has none."""
        if not self.hint:
            return None
        return self.hint.format(**values) if values else self.hint


CODES: dict[str, Code] = {}
E, W = Severity.ERROR, Severity.WARNING


def _code(id: str, severity: Severity, title: str, hint: str = "", warning_when: str | None = None,
          kind: Kind = Kind.DATA) -> None:
    assert id not in CODES, f"finding code {id} declared twice"
    CODES[id] = Code(id, severity, title, hint, warning_when, kind)


def code(id: str) -> Code:
    """The declared code ``id``; a ``KeyError`` (a bug, not a data problem) when undeclared."""
    try:
        return CODES[id]
    except KeyError:
        raise KeyError(f"finding code {id!r} is not declared in generator/findings/codes.py") from None


# Files and formats
_code("yaml-syntax", E, "YAML 语法错误", "检查缩进（只用空格，不用 Tab）、冒号后的空格和引号是否成对。")
_code("yaml-duplicate-key", E, "同一个键出现了两次", "删除或合并重复的键。")
_code("yaml-merge-key", E, "用了 YAML 合并键", "请把内容直接写出来。")
_code("yaml-encoding", E, "YAML 文件不是 UTF-8 编码", "用支持 UTF-8 的编辑器（如 VS Code）另存为 UTF-8。")
_code("yaml-not-mapping", E, "文件内容不是一组“键: 值”", "参照示例文件的结构书写。")
_code("yaml-value", E, "无法识别的值", "检查日期是否写成 2026-07-01，是否误用了 !标签。")
_code("csv-encoding", E, "CSV 编码无法识别", "在 Excel 中选择“另存为 → CSV UTF-8（逗号分隔）”。")
_code("csv-syntax", E, "CSV 格式错误", "检查引号是否成对。")
_code("csv-unknown-column", E, "表头中有不认识的列")
_code("csv-missing-column", E, "缺少必需的列", "在表头补上这一列。")
_code("csv-duplicate-column", E, "表头有重复的列", "删除重复的列。")
_code("csv-extra-cells", E, "某行的格数多于表头", "删除多余的单元格，或检查数字中的逗号是否未加引号。")
_code("file-missing", E, "缺少必需的文件", "参照示例数据创建该文件。")
_code("file-unknown", W, "不认识的文件", "可用的文件名见数据说明。")
_code("file-format", W, "表格格式读不了", "在 Excel 或 WPS 中打开，“另存为 → Excel 工作簿（*.xlsx）”，文件名不变，再删除原文件。")
_code("file-outside", E, "文件在数据目录之外", "把真正的文件复制进数据目录，删除链接。")
_code("file-too-large", E, "文件超过上限", "表格只保留本期要公示的行，往期记录另存；照片压缩后再放入。")
_code("yaml-too-deep", E, "YAML 嵌套过深", "参照数据说明中的示例结构书写。")
_code("yaml-too-many-aliases", E, "YAML 别名过多", "不用 &锚点/*别名，把内容直接写出来。")
_code("csv-too-many-rows", E, "表格行数超过上限", "只保留本期要公示的行，往期记录另存。")
_code("csv-too-many-columns", E, "表格列数超过上限", "表头只写本表的列，删除多余的列。")
_code("csv-cell-too-long", E, "单元格字数超过上限", "检查这一行的引号；较长的说明写在同名 YAML 文件中。")
_code("photo-format", E, "照片格式不对", "另存为 JPEG 或 PNG；示意图只用简单图形。")
_code("xlsx-unreadable", E, "无法读取 Excel 工作簿", "在 Excel 或 WPS 中打开后“另存为 → Excel 工作簿（*.xlsx）”。")
_code("xlsx-merged-cells", E, "表格中有合并单元格", "取消合并，每列一个表头、每格填上内容。")
_code("xlsx-cell-error", E, "单元格显示公式错误", "改正公式，或直接填写数值。")
_code("xlsx-formula-no-value", E, "公式没有保存计算结果", "用 Excel 或 WPS 打开再保存一次，或直接填写数值。")
_code("xlsx-reader-died", E, "读取工作簿的程序异常终止", "把表格复制到新建的工作簿，另存为 .xlsx。")
_code("xlsx-hidden-rows", E, "有内容的行或列被隐藏了", "不公示的行删除，要公示的取消隐藏；先清除筛选。")
_code("xlsx-hidden-sheet", E, "表格所在的工作表被隐藏了", "右键工作表标签 →“取消隐藏”。")
_code("xlsx-cover-sheet", W, "表格前面有封面或说明工作表", "删除封面，或把表格工作表移到最前面。")
_code("table-title-row", W, "表头上方有标题行", "删除标题行，让表头在第一行。")
_code("table-signature-row", W, "表格下方有签字（制表、审核）行", "删除签字行；落款由网站生成。")
_code("table-notes-column", W, "备注列不公示", "要公示的说明写进“摘要”列或 YAML 的 notes。")
_code("table-format", E, "表格是读不了的格式", "另存为 Excel 工作簿（*.xlsx）。")
_code("file-duplicate", E, "同一张表格有两个文件", "只保留一个（如保留 .xlsx，删除 .csv）。")

# Fields and values
_code("field-required", E, "缺少必填字段", "请补充该字段。", warning_when="已整改的事项缺完成日期")
_code("field-unknown", E, "未知字段", "删除该字段。")
_code("field-choice", E, "取值不在允许的选项中")
_code("field-format", E, "格式不正确")
_code("credit-code", E, "统一社会信用代码不对", "对照营业执照逐位核对；最后一位是按前 17 位算出的校验位。")
_code("field-empty", E, "必填的文字为空", "填写内容。")
_code("field-invalid", E, "字段之间互相矛盾")
_code("field-type", E, "类型不对", "参照数据说明中的示例写法。")
_code("value-number", E, "不是可识别的数字或金额", "写成 1234.50、1,234.50 或 ¥1234；计数写整数。")
_code("value-cents", E, "金额超过两位小数", "四舍五入到分；公式用 =ROUND(原公式,2)。")
_code("value-date", E, "不是可识别的日期", "写成 2026-07-01、2026/7/1 或 2026年7月1日。")
_code("value-period", E, "不是可识别的期间", "写成 2026、2026-H1、2026-Q3 或 2026-07 这样的期间。")
_code("phone-format", E, "不是可识别的电话号码", "固定电话带区号，如 0550-6201234；服务热线如 12345、400-880-6601。")
_code("value-markup", E, "网站名称含有不允许的字符", "删除这些字符。")
_code("value-range", E, "数值超出范围", "核对数值。")
_code("money-negative", E, "金额不能为负", "改为正数；支出用“类型”区分，不用负号。")
_code("id-format", E, "编号不合法", "只用小写字母、数字和连字符，如 lanting-garden。")
_code("id-duplicate", E, "编号重复", "换一个全市唯一的编号。")

# References
_code("ref-unknown", E, "引用的对象不存在", "核对编号。")
_code("ref-mismatch", E, "引用的对象互不对应", "核对区、街道、社区的对应关系。",
      warning_when="示范项目的企业与小区现在的企业不一致")
_code("ref-unexpected", E, "不应填写的引用", "删除该字段。")
_code("commission-unexpected", E, "包干制合同写了酬金",
      "删除 commission，或在 compound.yaml 中把合同类型改为 commission（酬金制）。")
_code("compound-incomplete", W, "小区基本信息未填全", "在 compound.yaml 中补上地址、管理方式、户数、面积和业主组织。")
_code("item-not-in-catalogue", W, "条目不在公示目录中", "需要发布时在 catalogue.yaml 中加入该条目。")

# Arithmetic
_code("arith-balance", E, "结余不对", "核对计算；如明细有误，先改明细再改合计。")
_code("arith-period-total", E, "合计与明细之和不符", "核对计算；如明细有误，先改明细再改合计。",
      warning_when="使用明细的年份没有年度汇总")
_code("arith-net", E, "净收益或企业分成不对", "核对计算；如明细有误，先改明细再改合计。")
_code("arith-line-total", E, "一行内的计算不对", "核对计算；如明细有误，先改明细再改合计。")
_code("arith-rate", E, "比例与计算不符", "核对计算；如明细有误，先改明细再改合计。", warning_when="实收大于应收")
_code("arith-count", E, "数量对不上", "核对各项数量。")
_code("date-order", E, "日期顺序不对", "按日期从早到晚排列各行。")
_code("total-row-unchecked", W, "合计行中有无法核对的数", "合计行只写可以相加的列（如金额）；其余各列留空。")

# Notices as published (prices, votes, distributions, funds by unit)
_code("balance-negative", E, "计算出的结余低于零",
      "核对金额；公告没写期初结余时不要填 0，删去 opening_balance，或在台账某一行写明公告所印的结余。")
_code("price-same-start", E, "同一收费项目在同一计费起始时间有两个价格",
      "是更正还是新价格？更正：删去旧价格那一行；新价格：另起一行并写上新价格开始执行的日期。")
_code("price-changed", W, "收费标准改了，计费起始时间没变",
      "是更正还是新价格？新价格：恢复原来那一行，另起一行写新价格和开始执行的日期；更正：在 fee_schedule.yaml 的 correction 中写明更正及原因。")
_code("price-text", W, "收费标准是文字，但不像价格",
      "照公告原样填写价格（0.80、1.20-1.80、不超过70、标准×70%）；公告写的是文字就照抄（按质论价、面议）；备注移到“计费方式”。")
_code("price-guided-range", E, "收费标准超出政府指导价的浮动范围", "核对收费标准、基准价和浮动幅度是否照公告填写。")
_code("fee-tiers-missing", E, "收费标准写“见分档表”却没有分档价格表", "在 fee_schedule.yaml 的 tiers 中补上同名收费项目的分档价格表。")
_code("fee-formula", E, "分档价格与公告的计算公式不符", "核对公式和各档价格是否照公告填写。")
_code("vote-figures", E, "表决数字互相矛盾", "核对业主总人数、总面积、参与表决和同意的人数与面积。")
_code("vote-278", E, "公告称表决符合规定，但数字未达到《民法典》第二百七十八条的要求",
      "核对表决数字；数字无误时，公告的结论不能照登，请与发布单位核实。")
_code("distribution-arith", E, "分配的数字对不上", "核对分配标准、户数、面积、每户最低最高和分配总额。")
_code("fund-units-summed", E, "不同资金单元的维修资金被加在一起", "各单元的维修资金分别核算：删去合计行，按单元分别公示。")

# Disclosure status and dates
_code("disclosure-stale", W, "逾期未更新", "发布新一期：更新 notice.period、notice.posted_on 和明细。")
_code("disclosure-missing", W, "未公示", "建立条目文件；确实不适用的写 not_applicable: 理由。")
_code("na-no-reason", E, "标为不适用却没有写理由", "写成 not_applicable: 小区无电梯 这样的完整理由。")
_code("notice-future", E, "公示日期晚于数据日期", "检查日期是否写错；尚未张贴的公示不要提交。")
_code("notice-before-period", E, "公示日期早于所属期间的开始", "期间应为已经发生的期间，如三季度数据在 10 月公示。")
_code("row-after-period", E, "表格中有所属期间之后的行", "放到下一期公示中，或改正日期。")
_code("row-after-posting", E, "表格中有晚于公示日期的行", "改正日期，或把公示日期改为真正张贴的日期。")
_code("notice-period-missing", E, "定期公示没有写所属期间", "补上 period，如 2026-Q3。")
_code("notice-period-kind", W, "期间的周期与公示目录不符", "按目录的周期填写期间。")
_code("notice-too-short", W, "张贴天数少于目录要求", "张贴不少于要求的天数，并改正 posting_days。")
_code("inspection-overdue", W, "设施检验已逾期", "完成检验后更新上次/下次检验日期。")
_code("contract-expired", W, "物业服务合同已到期", "续签或选聘后更新合同信息；合同期满继续服务的，注明实际情况。")

# Personal data
_code("privacy-id-number", E, "疑似身份证号", "删除个人信息；公示内容不涉及具体个人。")
_code("privacy-mobile", E, "疑似手机号码", "改为办公电话或服务热线。")
_code("privacy-bank-account", E, "疑似银行卡号", "删除；维修资金只写专户银行名称。")
_code("privacy-plate", E, "完整车牌号", "删除；车位只公开数量。")
_code("privacy-name", E, "疑似居民姓名", "删除姓名，改写为“居民反映”“业主投诉”等。")

# Evaluations (red/black lists)
_code("evaluation-duplicate-period", E, "同一期间有两份考评表", "每个期间只能有一份考评表。")
_code("eval-unknown-group", E, "评价主体不在考评规则中", "group 列写评价主体编号（如 residents），不写名称。")
_code("eval-missing-group", E, "缺少评价主体的得分", "补上得分，或在规则中设定 missing_group。",
      warning_when="规则允许缺评")
_code("eval-score-range", E, "得分超出范围", "核对得分。")
_code("eval-duplicate-row", E, "评分表有重复的行", "删除或合并重复的行。")
_code("eval-mixed-dimension", E, "分维度与总分混写", "要么全部分维度，要么只写一行总分。")
_code("eval-compound-company", E, "小区不是该企业服务的", "核对企业编号和小区编号。")
_code("eval-period-kind", E, "考评期间与规则的周期不符", "半年写 2026-H1，季度写 2026-Q3，年度写 2026。")
_code("eval-unknown-list", E, "榜单不在考评规则中", "decisions 中的 list 写 city.yaml 中 evaluation_policy.lists 的编号（默认 red、bad）。")
_code("eval-rectification-unrated", W, "整改说明中的企业不在本期评分表中", "核对企业编号，或补上该企业的得分。")

# Printed notices (build): only pdf-glyph-missing is about what was printed; the others stop the build
_code("pdf-font-missing", E, "找不到中文字体",
      "安装字体：sudo apt-get install fonts-noto-cjk（或运行 scripts/install-system-deps.sh），然后重新构建。",
      kind=Kind.COMMAND)
_code("pdf-glyph-missing", W, "字体没有的字符", "改用规范汉字或去掉表情符号；网页版不受影响。", kind=Kind.OUTPUT)
_code("pdf-compile-failed", E, "PDF 生成失败", "请把完整的输出发给维护人员。", kind=Kind.COMMAND)
_code("pdf-paper", E, "纸张不支持", "使用 --paper a4 或 --paper a3。", kind=Kind.COMMAND)
_code("pdf-path", E, "PDF 文件名不合法或重复", "检查小区和考评期间的编号。", kind=Kind.COMMAND)

# Commands that cannot run (generator/errors.py; exit code 2)
_code("config-invalid", E, "网站配置不能使用", "按提示改正 mkdocs.yml。", kind=Kind.COMMAND)
_code("command-refused", E, "命令无法执行", "按提示改正命令的选项或文件夹。", kind=Kind.COMMAND)
_code("engine-failed", E, "网站引擎运行失败", "按提示改正；仍然失败时把完整的输出发给维护人员。", kind=Kind.COMMAND)
