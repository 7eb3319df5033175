"""A random fictional city: names, administrative tree, companies and compound plans.

Contract: :func:`plan_city` depends only on ``(count, seed)``; names come from fixed pools
(fictional, none from the news seeds); every company gets at least one compound when there
are enough compounds; at least 4 districts from 100 compounds on (2 below), or exactly
``districts`` when given (1 to 12: sharded builds are tested on a small city of several districts).
"""

from __future__ import annotations

import random
from datetime import date
from decimal import Decimal

from generator.tools.synth.files import CsvStyle
from generator.model.items import ITEMS as REGISTRY
from generator.tools.synth.items import BUILDERS
from generator.tools.synth.ledgers import ZERO
from generator.tools.synth.plans import CityPlan, CompanyPlan, CompoundPlan, _phone


WORDS = [
    ("梧桐", "wutong"), ("海棠", "haitang"), ("丁香", "dingxiang"), ("紫荆", "zijing"), ("玉兰", "yulan"),
    ("桂花", "guihua"), ("荷塘", "hetang"), ("柳林", "liulin"), ("杏林", "xinglin"), ("枫林", "fenglin"),
    ("竹园", "zhuyuan"), ("兰溪", "lanxi"), ("清泉", "qingquan"), ("白鹭", "bailu"), ("翠微", "cuiwei"),
    ("锦绣", "jinxiu"), ("瑞景", "ruijing"), ("嘉禾", "jiahe"), ("康乐", "kangle"), ("安澜", "anlan"),
    ("丰泽", "fengze"), ("润和", "runhe"), ("怡景", "yijing"), ("朝阳", "chaoyang"), ("长青", "changqing"),
    ("和平", "heping"), ("新华", "xinhua"), ("光明", "guangming"), ("幸福", "xingfu"), ("友谊", "youyi"),
    ("青年", "qingnian"), ("胜利", "shengli"), ("团结", "tuanjie"), ("东风", "dongfeng"), ("金桥", "jinqiao"),
    ("银杏", "yinxing"), ("春晖", "chunhui"), ("秋实", "qiushi"), ("晨光", "chenguang"), ("星河", "xinghe"),
    ("月湖", "yuehu"), ("云栖", "yunqi"), ("松涛", "songtao"), ("鹤鸣", "heming"), ("凤凰", "fenghuang"),
    ("龙泉", "longquan"), ("石榴", "shiliu"), ("葡萄", "putao"), ("芙蓉", "furong"), ("牡丹", "mudan"),
    ("蔷薇", "qiangwei"), ("百合", "baihe"), ("茉莉", "moli"), ("芳草", "fangcao"), ("绿洲", "lvzhou"),
    ("碧水", "bishui"), ("蓝湾", "lanwan"), ("滨河", "binhe"), ("临江", "linjiang"), ("望山", "wangshan"),
    ("观澜", "guanlan"), ("听涛", "tingtao"), ("金穗", "jinsui"), ("稻香", "daoxiang"), ("麦田", "maitian"),
    ("书香", "shuxiang"), ("学府", "xuefu"), ("文苑", "wenyuan"), ("翰林", "hanlin"), ("墨池", "mochi"),
    ("红枫", "hongfeng"), ("青桐", "qingtong"), ("白杨", "baiyang"), ("雪松", "xuesong"), ("香樟", "xiangzhang"),
    ("槐荫", "huaiyin"), ("桃李", "taoli"), ("杏花", "xinghua"), ("梨园", "liyuan"), ("橘井", "jujing"),
]
DIRECTIONS = [("东", "dong"), ("西", "xi"), ("南", "nan"), ("北", "bei"), ("中", "zhong")]
COMPOUND_SUFFIXES = [("小区", "xiaoqu"), ("花园", "huayuan"), ("家园", "jiayuan"), ("新村", "xincun"), ("苑", "yuan"),
                     ("公寓", "gongyu"), ("雅居", "yaju"), ("名苑", "mingyuan"), ("华庭", "huating"), ("里", "li"),
                     ("府", "fu"), ("景园", "jingyuan")]
DISTRICTS = [("东城区", "dongcheng"), ("西城区", "xicheng"), ("南湖区", "nanhu"), ("北山区", "beishan"),
             ("江东区", "jiangdong"), ("河西区", "hexi"), ("新城区", "xincheng"), ("高新区", "gaoxin"),
             ("滨江区", "binjiang"), ("临湖区", "linhu"), ("青山区", "qingshan"), ("经开区", "jingkai"),
             ("港口区", "gangkou"), ("松林区", "songlin"), ("桃源区", "taoyuan"), ("石桥区", "shiqiao"),
             ("长岭区", "changling"), ("白沙区", "baisha"), ("龙湾区", "longwan"), ("梅溪区", "meixi")]
COMPANY_FORMS = [("物业服务有限公司", "物业", "wuye"), ("物业管理有限公司", "物业管理", "guanli"),
                 ("城市服务有限公司", "城市服务", "chengshi")]
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕"
GIVEN = ["建华", "志强", "海燕", "晓东", "丽娟", "国庆", "春梅", "立新", "文静", "振宇", "红霞", "明辉",
         "雪梅", "永刚", "晓敏", "德明", "秀兰", "卫东", "小平", "俊杰"]
PARTY = ["党支部", "联合党支部", "党建指导员", "党支部"]
GRADES = ["五星级", "四星级", "四星级", "三星级", "三星级", "二星级"]
CODE_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2]


def credit_code(rng: random.Random, admin: str = "990100") -> str:
    """A fictional 统一社会信用代码 with valid check characters (GB 32100 / GB 11714)."""
    org = "MA" + "".join(rng.choice("0123456789ABCDEFGHJKLMNPQRTUWXY") for _ in range(6))
    total = sum((int(c) if c.isdigit() else ord(c) - 55) * w for c, w in zip(org, ORG_WEIGHTS))
    check = 11 - total % 11
    org += {10: "X", 11: "0"}.get(check, str(check))
    body = "91" + admin + org
    total = sum(CODE_CHARS.index(c) * w for c, w in zip(body, CODE_WEIGHTS))
    return body + CODE_CHARS[(31 - total % 31) % 31]


def _names(pool: list[tuple[str, str]], count: int, rng: random.Random) -> list[tuple[str, str]]:
    """``count`` distinct (name, slug) pairs: each word, then word + direction, then those
    numbered (``梧桐东2``, ``wutong-dong-2``) for as many as a province needs."""
    words = list(pool)
    rng.shuffle(words)
    base = list(words)
    for d, dp in DIRECTIONS:
        base += [(w + d, f"{p}-{dp}") for w, p in words]
    out = list(base)
    number = 2
    while len(out) < count:
        out += [(f"{w}{number}", f"{p}-{number}") for w, p in base]
        number += 1
    return out[:count]


def _style(rng: random.Random) -> CsvStyle:
    roll = rng.randrange(100)
    encoding = "utf-8" if roll < 60 else ("utf-8-sig" if roll < 85 else "gb18030")
    money = rng.choice(["plain", "plain", "plain", "grouped", "grouped", "yuan"])
    dates = rng.choice(["iso", "iso", "iso", "slash", "slash", "chinese"])
    return CsvStyle(encoding, rng.randrange(100) < 30, money, dates)


def district_count(count: int, districts: int | None = None) -> int:
    """How many districts a city of ``count`` compounds has (``districts`` when given)."""
    if districts is not None:
        if not 1 <= districts <= len(DISTRICTS):
            raise ValueError(f"districts must be between 1 and {len(DISTRICTS)}")
        return districts
    return 2 if count < 100 else min(len(DISTRICTS), 4 + (count - 100) // 150)


def plan_city(count: int, seed: int, wanted: int | None = None) -> tuple[CityPlan, random.Random]:
    """Names, tree, companies and compound plans for ``count`` compounds (in ``wanted`` districts)."""
    rng = random.Random(seed)
    area = "0550"
    n_districts = district_count(count, wanted)
    n_communities = max(2 * n_districts, -(-count // 4))
    n_streets = max(n_districts, -(-n_communities // 3))
    streets = _names(WORDS, n_streets, rng)
    communities = _names(WORDS, n_communities, rng)
    districts: list[dict] = []
    for _i, (name, slug) in enumerate(DISTRICTS[:n_districts]):
        districts.append({"id": slug, "name": name, "regulator_phone": _phone(rng, area), "streets": []})
    for i, (name, slug) in enumerate(streets):
        districts[i % n_districts]["streets"].append(
            {"id": f"{slug}-jd", "name": f"{name}街道", "phone": _phone(rng, area), "communities": []})
    all_streets = [s for d in districts for s in d["streets"]]
    for i, (name, slug) in enumerate(communities):
        all_streets[i % len(all_streets)]["communities"].append(
            {"id": f"{slug}-sq", "name": f"{name}社区", "phone": _phone(rng, area)})
    places = [(d, s, c) for d in districts for s in d["streets"] for c in s["communities"]]

    city_name = "模拟市"
    n_companies = max(4, (count + 4) // 8)
    words = list(WORDS)
    rng.shuffle(words)
    companies = []
    for i in range(n_companies):
        word, slug = words[i % len(words)]
        form, short, tag = COMPANY_FORMS[i // len(words) % len(COMPANY_FORMS)]
        suffix = "" if i < len(words) * len(COMPANY_FORMS) else f"-{i}"
        companies.append(CompanyPlan(
            id=f"{slug}-{tag}{suffix}", name=f"{city_name}{word}{form}" + (f"（{i}）" if suffix else ""),
            short_name=f"{word}{short}", credit_code=credit_code(rng), grade=rng.choice(GRADES),
            party_kind=PARTY[i % len(PARTY)],
            party_name=None if PARTY[i % len(PARTY)] == "党建指导员" else f"{city_name}{word}{short}{PARTY[i % len(PARTY)]}",
            address=f"{city_name}{rng.choice(DISTRICTS[:n_districts])[0]}{rng.choice(WORDS)[0]}路{rng.randint(1, 300)}号",
            phone=f"400-{rng.randint(600, 899)}-{rng.randint(1000, 9999)}",
            licence=f"营业执照（{city_name}市场监督管理局核发）"))

    used: dict[str, int] = {}
    compounds = []
    for i in range(count):
        district, street, community = places[i % len(places)]
        word, wslug = rng.choice(WORDS)
        suffix, sslug = rng.choice(COMPOUND_SUFFIXES)
        base = f"{wslug}-{sslug}"
        used[base] = used.get(base, 0) + 1
        phase = used[base]
        cid = base if phase == 1 else f"{base}-{phase}"
        name = f"{word}{suffix}" + ("" if phase == 1 else f"{'一二三四五六七八九十'[min(phase, 10) - 1]}期" if phase <= 10 else f"{phase}期")
        compounds.append(_plan_compound(rng, i, cid, name, district, street, community, companies, area))
    plan = CityPlan(name=city_name, site_title=f"{city_name}物业服务信息公开平台（合成数据）",
                    site_url="https://synth.example.org/", regulator=f"{city_name}住房和城乡建设局",
                    regulator_phone=_phone(rng, area), area_code=area, districts=districts,
                    companies=companies, compounds=compounds)
    return plan, rng


ITEMS = list(BUILDERS)


def _plan_compound(rng: random.Random, i: int, cid: str, name: str, district: dict, street: dict, community: dict,
                   companies: list[CompanyPlan], area: str) -> CompoundPlan:
    built = rng.randint(1988, 2022)
    households = rng.randint(120, 2400)
    buildings = max(2, households // rng.randint(60, 140))
    floor_area = Decimal(households * rng.randint(75, 125)) + Decimal(rng.randint(0, 99)).scaleb(-2)
    self_managed = i >= len(companies) and rng.randrange(100) < 4
    company = None if self_managed else companies[i % len(companies)].id if i < len(companies) else rng.choice(companies).id
    elevators = buildings * rng.randint(1, 2) if built >= 2005 else 0
    ground = rng.randint(20, 240) if rng.randrange(100) < 75 else 0
    underground = rng.randint(100, 900) if built >= 2008 else 0
    not_applicable: dict[str, str] = {}
    if not ground and not underground:
        not_applicable["parking"] = "小区无车位"
    if rng.randrange(100) < 5:
        not_applicable["utility_sharing"] = "公共区域水电费已包含在物业服务费中（合同约定），不另行分摊"
    stale = {item for item, chance in (("public_revenue", 8), ("utility_sharing", 3), ("oversight", 2),
                                       ("service_accounts", 2), ("parking", 2)) if rng.randrange(100) < chance}
    missing = {rng.choice(ITEMS[1:])} if rng.randrange(100) < 4 else set()
    committee = rng.choice(["业委会", "业委会", "业委会", "物管会", "无"])
    contract = None if self_managed else ("commission" if rng.randrange(100) < 12 else "lump_sum")
    start = date(rng.randint(2022, 2025), rng.choice([1, 4, 7, 10]), 1)
    return CompoundPlan(
        id=cid, name=name, district=district["id"], street=street["id"], community=community["id"],
        address=f"{district['name']}{rng.choice(WORDS)[0]}路{rng.randint(1, 400)}号",
        households=households, buildings=buildings, floor_area=floor_area, built_year=built,
        office_phone=_phone(rng, area), repair_phone=_phone(rng, area), emergency_phone=_phone(rng, area),
        company=company, self_org=f"{name}业主自治管理小组" if self_managed else None,
        pm_name=None if self_managed else rng.choice(SURNAMES) + rng.choice(GIVEN),
        contract=contract, contract_start=start, contract_years=max(rng.choice([3, 5]), 2027 - start.year),
        service_level=rng.choice(["一级", "二级", "二级", "三级"]),
        fee_price=Decimal(rng.randint(55, 260)).scaleb(-2),
        shop_area=Decimal(rng.randint(500, 3000)) if rng.randrange(100) < 20 else ZERO,
        committee=committee,
        committee_since=date(rng.randint(2012, 2025), rng.randint(1, 12), rng.randint(1, 28)),
        elevators=elevators, ground_spaces=ground, underground_spaces=underground,
        civil_defence_spaces=rng.randint(30, 120) if underground and rng.randrange(100) < 30 else 0,
        lockers=rng.randint(0, 4),
        share_rate=rng.choice([None, None, None, Decimal("0.1"), Decimal("0.2"), Decimal("0.3")]) if company else None,
        commission_rate=rng.choice([Decimal("0.08"), Decimal("0.10")]),
        utility_method=rng.choice(["按户", "按户", "按户", "按建筑面积"]), collects_water=built < 2000 and rng.randrange(100) < 50,
        stale=frozenset(stale - set(not_applicable)), missing=frozenset(missing - set(not_applicable)),
        not_applicable=not_applicable,
        styles={item: _style(rng) for item, spec in REGISTRY.items() if spec.row_model is not None},
    )
