"""企业及项目负责人信息: the company (or the self-management body), the contract, the owners'
body, the project manager (with a photo slot the web fills), the service office and staff."""

from __future__ import annotations

from generator.load.dataset import ItemRecord
from generator.model import disclosures as d
from generator.model.company import Company
from generator.model.compound import Contract, OwnersCommittee, SelfManagement
from generator.model.vocabulary import CONTRACT_TYPES, DERIVED, NOT_STATED, title_of as t
from generator.views.blocks import Block, Fact, Slot, facts, table
from generator.views.formatting import day
from generator.views.item_blocks import ItemContext, field_column


def _party(co: Company) -> str:
    if co.party is None:
        return NOT_STATED
    if co.party.kind == "无":
        return "未建立"
    return co.party.kind + (f"（{co.party.name}）" if co.party.name else "")


def blocks(ctx: ItemContext, record: ItemRecord) -> list[Block]:
    f = d.item_as(record.file.model, d.CompanyProfileFile)
    c = ctx.rec.model
    co = ctx.company
    out: list[Block] = []
    committee = c.owners_committee
    since = f"（{day(committee.established_on)} 成立）" if committee and committee.established_on else ""
    owners = (t(OwnersCommittee, "kind"), committee.kind + since if committee and committee.kind != "无" else None)
    if co is not None:  # a list notice gives only the name: what it leaves out reads 未注明
        out.append(facts([Fact(t(Company, "name"), co.name, key=True),
                          (t(Company, "credit_code"), co.credit_code or NOT_STATED),
                          (t(Company, "licence"), co.licence), (t(Company, "grade"), co.grade),
                          (t(Company, "party"), _party(co)), (t(Company, "address"), co.address or NOT_STATED),
                          Fact(t(Company, "phone"), co.phone or NOT_STATED, "phone" if co.phone else "text", key=True),
                          owners], title="物业服务企业"))
    elif c.self_management is not None:
        sm = c.self_management
        out.append(facts([Fact(t(SelfManagement, "organisation"), sm.organisation, key=True),
                          Fact(t(SelfManagement, "phone"), sm.phone, "phone", key=True), owners], title="自治管理"))
    if c.contract is not None:
        k = c.contract
        out.append(facts([(t(Contract, "type"), CONTRACT_TYPES[k.type]),
                          Fact(DERIVED["term"], f"{day(k.start)} 至 {day(k.end)}", key=True),
                          (t(Contract, "service_level"), k.service_level)], title=t(type(c), "contract")))
    if f.project_manager is not None:
        pm = f.project_manager
        out.append(Slot("manager_photo"))
        out.append(facts([Fact(t(d.ProjectManager, "name"), pm.name, key=True),
                          Fact(t(d.ProjectManager, "office_phone"), pm.office_phone, "phone", key=True),
                          (t(d.ProjectManager, "since"), day(pm.since) if pm.since else None)], title="项目负责人"))
    if f.office is not None:
        out.append(facts([(t(d.Office, "address"), f.office.address), (t(d.Office, "hours"), f.office.hours)],
                         title="物业服务中心"))
    if f.staff:
        out.append(table([field_column(d.StaffCount, "role", 1),
                          field_column(d.StaffCount, "count", 1, "right", unit="人", key=True)],
                         [[s.role, str(s.count)] for s in f.staff], title="在岗人员",
                         total=[DERIVED["total"], str(sum(s.count for s in f.staff))]))
    return out
