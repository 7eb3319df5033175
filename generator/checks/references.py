"""Reference checks: ids are unique and every reference resolves.

* district, street and community ids in city.yaml are unique (``id-duplicate``);
* a compound's district/street/community exist and nest correctly (``ref-unknown``,
  ``ref-mismatch``); its company exists (``ref-unknown``); a self-managed compound names
  no company (``ref-unexpected``);
* a project manager's photo file exists and may be published (``file-missing``,
  ``photo-format``, ``file-too-large``: :mod:`generator.load.photos`).

Evaluation references are checked in :mod:`generator.checks.evaluations`.
"""

from __future__ import annotations

from generator.findings import Findings
from generator.findings.suggest import did_you_mean, labelled
from generator.model.compound import Compound
from generator.load.dataset import Dataset
from generator.load.photos import photo_problem


def check(ds: Dataset, findings: Findings) -> None:
    if ds.city is not None:
        _unique_ids(ds, findings)
    for rec in ds.compounds.values():
        _compound(ds, rec, findings)


def _unique_ids(ds: Dataset, findings: Findings) -> None:
    city = ds.city
    assert city is not None
    seen: dict[str, tuple] = {}
    for di, d in enumerate(city.model.districts):
        entries: list[tuple[str, tuple[str | int, ...]]] = [(d.id, ("districts", di, "id"))]
        for si, s in enumerate(d.streets):
            entries.append((s.id, ("districts", di, "streets", si, "id")))
            for ci, c in enumerate(s.communities):
                entries.append((c.id, ("districts", di, "streets", si, "communities", ci, "id")))
        for ident, path in entries:
            if ident in seen:
                findings.add("id-duplicate", city.rel, f"编号“{ident}”重复使用",
                             line=city.line_of(*path), field="id",
                             hint="区、街道、社区的编号在全市范围内必须唯一，请改用不同的编号。")
            seen[ident] = path


def _compound(ds: Dataset, rec, findings: Findings) -> None:
    c = rec.model
    loaded = rec.compound
    if ds.city is not None:
        streets = ds.city.model.street_index()
        communities = ds.city.model.community_index()
        districts = {d.id: d for d in ds.city.model.districts}
        if c.district not in districts:
            findings.add("ref-unknown", loaded.rel, f"区“{c.district}”不在 city.yaml 中", line=loaded.line_of("district"),
                         field="district", hint=did_you_mean(c.district, {i: d.name for i, d in districts.items()}))
        if c.street not in streets:
            findings.add("ref-unknown", loaded.rel, f"街道“{c.street}”不在 city.yaml 中", line=loaded.line_of("street"),
                         field="street", hint=did_you_mean(c.street, {i: s[1].name for i, s in streets.items()}))
        elif streets[c.street][0].id != c.district and c.district in districts:
            findings.add("ref-mismatch", loaded.rel, f"街道“{c.street}”不属于区“{c.district}”", line=loaded.line_of("street"),
                         field="street", hint=f"该街道属于“{labelled(streets[c.street][0].id, streets[c.street][0].name)}”，请核对区和街道。")
        if c.community not in communities:
            findings.add("ref-unknown", loaded.rel, f"社区“{c.community}”不在 city.yaml 中", line=loaded.line_of("community"),
                         field="community", hint=did_you_mean(c.community, {i: t[2].name for i, t in communities.items()}))
        elif communities[c.community][1].id != c.street and c.street in streets:
            findings.add("ref-mismatch", loaded.rel, f"社区“{c.community}”不属于街道“{c.street}”",
                         line=loaded.line_of("community"), field="community",
                         hint=f"该社区属于“{labelled(communities[c.community][1].id, communities[c.community][1].name)}”，请核对街道和社区。")
    missing = c.missing()
    if missing:
        names = "、".join(f"{Compound.model_fields[n].title}（{n}）" for n in missing)
        findings.warn("compound-incomplete", loaded.rel, f"“{c.name}”的基本信息还没有填全：{names}；网站上显示“未填写”",
                      line=1, field=missing[0],
                      hint="在 compound.yaml 中删去这些行开头的“# ”并填上内容（new compound 生成的文件中已列出）。")
    if c.company is not None:
        if c.management == "self_managed":
            findings.add("ref-unexpected", loaded.rel, "自治物业的小区不应填写 company", line=loaded.line_of("company"),
                         field="company", hint="删除 company，或把 management 改为 professional。")
        elif c.company not in ds.companies and c.company not in ds.unreadable_companies:
            findings.add("ref-unknown", loaded.rel, f"物业服务企业“{c.company}”不存在（data/companies/ 下没有该文件）",
                         line=loaded.line_of("company"), field="company",
                         hint=did_you_mean(c.company, {i: co.model.name for i, co in ds.companies.items()}))
    profile = rec.items.get("company_profile")
    if profile is not None:
        pm = getattr(profile.file.model, "project_manager", None)
        if pm is not None and pm.photo:
            where = dict(line=profile.file.line_of("project_manager", "photo"), field="project_manager.photo")
            if "/" in pm.photo or "\\" in pm.photo or pm.photo.startswith("."):
                findings.add("file-missing", profile.file.rel, f"项目经理照片“{pm.photo}”应只写文件名", **where,
                             hint="把照片放在小区文件夹中，这里只写文件名，如 manager.jpg。")
            elif rec.folder / pm.photo not in ds.outside:
                problem = photo_problem(rec.folder / pm.photo, ds.root)
                if problem is not None:
                    code, message, hint = problem
                    findings.add(code, profile.file.rel, f"项目经理{message}", **where,
                                 hint="把照片放在小区文件夹中，或删除 photo 字段。" if code == "file-missing" else hint)
