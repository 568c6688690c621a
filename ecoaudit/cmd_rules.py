"""CLI commands of the rules area: ``ecoaudit catalog`` and ``ecoaudit plan``."""
from __future__ import annotations

import json
from pathlib import Path

import click

from rules.catalog import load_catalog
from rules.plan import read_plan

_CATALOG_OPTION = click.option("--catalog", "catalog_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
                               default=None, help="指标目录文件（YAML），默认内置十四五目录 / catalog pack")
_JSON_OPTION = click.option("--json", "as_json", is_flag=True, help="输出 JSON / print JSON")

EVIDENCE_LABELS = {"meeting_minutes": "会议纪要/记录", "budget_document": "预算文件", "payment_voucher": "支付凭证",
                   "acceptance_report": "验收材料", "monitoring_report": "监测/统计报告", "ledger": "台账/名单",
                   "plan": "规划/方案", "notice": "通知/批复", "other": "其他材料"}
GROUP_LABELS = {"composite": "综合评价", "technical/ecology": "技术指标·生态质量", "technical/environment": "技术指标·环境质量",
                "management/eco_protection_restoration": "管理指标·生态保护修复",
                "management/pollution_prevention": "管理指标·污染防治",
                "management/green_coordinated_development": "管理指标·绿色协调发展",
                "management/urban_rural_living_environment": "管理指标·城乡人居环境",
                "management/work_organization": "管理指标·工作组织情况", "remote_sensing": "自然生态变化详查",
                "events": "突发环境事件与突出生态环境问题", "basic_info": "基本情况", "legacy/2011_2014": "旧指标（2011/2014）"}


@click.command("catalog", help="列出指标目录（按指标组） / list the indicator catalog by group.")
@_CATALOG_OPTION
@_JSON_OPTION
def catalog_command(catalog_path: Path | None, as_json: bool) -> None:
    catalog = load_catalog(catalog_path)
    if as_json:
        click.echo(json.dumps(catalog.to_dict(), ensure_ascii=False, indent=2))
        return
    click.echo(f"指标目录 {catalog.name}（{catalog.scheme}，版本 {catalog.version}）：{len(catalog.indicators)} 项")
    groups: dict[str, list] = {}
    for indicator in catalog.indicators:
        groups.setdefault(indicator.group, []).append(indicator)
    for group, indicators in groups.items():
        click.echo(f"\n[{group}] {GROUP_LABELS.get(group, '')}  {len(indicators)} 项")
        for ind in indicators:
            flags = []
            if ind.legacy:
                flags.append("旧指标")
            if ind.scoring.known:
                flags.append("评分规则已知")
            unit = ind.unit or "-"
            click.echo(f"  {ind.id:<40} {ind.name}  [{ind.kind}, {unit}]  {'、'.join(ind.departments)}"
                       + (f"  ({'，'.join(flags)})" if flags else ""))


@click.command("plan", help="解析县级实施方案：部门职责、截止日期、未分配指标 / parse a county plan.")
@click.argument("planfile", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@_CATALOG_OPTION
@_JSON_OPTION
def plan_command(planfile: Path, catalog_path: Path | None, as_json: bool) -> None:
    catalog = load_catalog(catalog_path)
    plan = read_plan(planfile, catalog)
    if as_json:
        click.echo(json.dumps(plan.to_dict(), ensure_ascii=False, indent=2))
        return
    click.echo(f"县（区、旗）：{plan.county or '未识别'}    年度：{plan.year or '未识别'}")
    click.echo(f"领导小组办公室：{plan.office or '未写明'}"
               + (f"（{plan.office_canonical}）" if plan.office_canonical else ""))
    if plan.leading_group:
        members = "、".join(m.canonical or m.name for m in plan.leading_group.members)
        click.echo(f"领导小组成员单位：{members or '未列出'}")
    click.echo(f"\n有任务的部门：{len(plan.departments)} 个")
    for duty in plan.departments:
        click.echo(f"\n■ {duty.canonical}（原文：{duty.name}）")
        for number, resp in enumerate(duty.responsibilities, start=1):
            click.echo(f"  {number}. {resp.text}")
            if resp.indicators:
                names = "、".join(catalog.get(i).name for i in resp.indicators)
                click.echo(f"     指标：{names}")
            if resp.evidence_types:
                labels = "、".join(EVIDENCE_LABELS.get(t, t) for t in resp.evidence_types)
                click.echo(f"     材料类型：{labels}")
    click.echo("\n截止日期：" + ("无" if not plan.deadlines else ""))
    for deadline in plan.deadlines:
        click.echo(f"  {deadline.date}  {deadline.what}")
    click.echo(f"\n未分配到任何部门的指标：{len(plan.unassigned)} 项")
    for indicator_id, name in plan.unassigned:
        click.echo(f"  {indicator_id}  {name}")


COMMANDS: list[click.Command] = [catalog_command, plan_command]
