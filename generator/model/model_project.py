"""Model projects (示范项目): ``data/model_projects/<id>.yaml`` with photos in ``photos/``."""

from __future__ import annotations

from pydantic import Field

from generator.model.base import Record, Slug, Text


class Photo(Record):
    file: Text = Field(description="照片文件名（在 data/model_projects/photos/ 下）")
    caption: Text = Field(description="照片说明（不得出现可识别的居民）")


class ModelProject(Record):
    title: Text = Field(description="示范项目名称")
    compound: Slug = Field(description="小区编号")
    company: Slug | None = Field(None, description="物业服务企业编号")
    year: int = Field(ge=2000, le=2100, description="评选年度")
    reason: Text = Field(description="入选理由")
    highlights: list[Text] = Field(default_factory=list, description="亮点做法")
    photos: list[Photo] = Field(default_factory=list)
