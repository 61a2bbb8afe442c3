"""Configurable deal pipelines: list, create, and rename/reorder/add/remove stages with win probability
and kind (open, won, lost). Stage lookups by name for deals live here too."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from psycopg_pool import AsyncConnectionPool

from leadloom.crm import normalize
from leadloom.crm.context import Actor
from leadloom.crm.db.pool import Conn, org_tx
from leadloom.crm.errors import ConflictError, NotFoundError, ValidationError
from leadloom.crm.models.deals import Pipeline, PipelineCreate, PipelineStagesUpdate, Stage, StageIn
from leadloom.crm.repositories import history
from leadloom.crm.repositories import pipelines as repo
from leadloom.crm.services._dealsupport import Problems, require_write

# Used when a stage is configured without a probability.
DEFAULT_PROBABILITY = {"open": 10, "won": 100, "lost": 0}


async def load_pipeline(conn: Conn, actor: Actor, pipeline_id: UUID | None = None) -> Pipeline:
    """A pipeline with its stages inside an open transaction; the default one when ``pipeline_id`` is None."""
    if pipeline_id is None:
        row = await repo.default_pipeline(conn, org_id=actor.org_id)
        if row is None:
            raise NotFoundError("this organization has no pipeline; create one first")
    else:
        row = await repo.get_pipeline(conn, org_id=actor.org_id, pipeline_id=pipeline_id)
        if row is None:
            raise NotFoundError(f"no pipeline {pipeline_id}")
    stages = await repo.list_stages(conn, org_id=actor.org_id, pipeline_id=row["id"])
    return Pipeline(**row, stages=[Stage(**s) for s in stages])


def resolve_stage(pipeline: Pipeline, value: str | UUID, *, field: str = "stage") -> Stage:
    """The stage ``value`` names in ``pipeline``: its id, or its name matched leniently ("closd won").

    An unknown stage is a ValidationError that lists the valid stages, so the caller can pick one.
    """
    text = str(value).strip()
    for stage in pipeline.stages:
        if str(stage.id) == text:
            return stage
    names = [s.name for s in pipeline.stages]
    # "won" / "lost" name the pipeline's only won (lost) stage, whatever it is called ("Signed", "Closed Won").
    for kind in ("won", "lost"):
        of_kind = [s for s in pipeline.stages if s.kind == kind]
        if normalize._fold(text) == kind and len(of_kind) == 1:
            return of_kind[0]
    try:
        name = normalize.match_choice(text, names)
    except ValueError:
        raise ValidationError(
            f"unknown stage {text!r} in pipeline {pipeline.name!r}; valid stages: {', '.join(names)}",
            errors=[{"field": field, "message": f"unknown stage; valid stages: {', '.join(names)}", "valid": names}],
        ) from None
    return next(s for s in pipeline.stages if s.name == name)


async def list_pipelines(pool: AsyncConnectionPool[Conn], actor: Actor) -> list[Pipeline]:
    """Every pipeline of the organization with its stages in order, the default first."""
    async with org_tx(pool, actor) as conn:
        rows = await repo.list_pipelines(conn, org_id=actor.org_id)
        stages = await repo.list_stages(conn, org_id=actor.org_id)
    by_pipeline: dict[UUID, list[Stage]] = {}
    for s in stages:
        by_pipeline.setdefault(s["pipeline_id"], []).append(Stage(**s))
    return [Pipeline(**r, stages=by_pipeline.get(r["id"], [])) for r in rows]


async def get_pipeline(pool: AsyncConnectionPool[Conn], actor: Actor, pipeline_id: UUID) -> Pipeline:
    async with org_tx(pool, actor) as conn:
        return await load_pipeline(conn, actor, pipeline_id)


async def default_pipeline(pool: AsyncConnectionPool[Conn], actor: Actor) -> Pipeline:
    """The organization's default pipeline (every organization starts with "Sales")."""
    async with org_tx(pool, actor) as conn:
        return await load_pipeline(conn, actor, None)


def _clean_stages(stages: list[StageIn], problems: Problems) -> list[dict[str, Any]]:
    cleaned: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    for i, stage in enumerate(stages):
        try:
            name = normalize.clean_text(stage.name, max_len=100)
        except ValueError as exc:
            problems.add(f"stages.{i}.name", str(exc))
            continue
        if not name:
            problems.add(f"stages.{i}.name", "is required")
            continue
        # "Closed Won" and "closed-won" would be indistinguishable when deals name their stage.
        key = normalize._fold(name)
        if key in seen:
            problems.add(f"stages.{i}.name", f"{name!r} duplicates stage {seen[key]}")
        seen[key] = i
        probability = stage.probability if stage.probability is not None else DEFAULT_PROBABILITY[stage.kind]
        cleaned.append({"id": stage.id, "name": name, "probability": probability, "kind": stage.kind})
    if stages and not any(s.kind == "open" for s in stages):
        problems.add("stages", "a pipeline needs at least one open stage")
    return cleaned


def _snapshot(pipeline: Pipeline) -> dict[str, Any]:
    return pipeline.model_dump(mode="json")


async def create_pipeline(pool: AsyncConnectionPool[Conn], actor: Actor, data: PipelineCreate) -> Pipeline:
    """A new pipeline with its stages in the given order; ``is_default`` makes it the organization's default."""
    require_write(actor, "settings.manage")
    problems = Problems()
    name = normalize.clean_text(data.name, max_len=100)
    if not name:
        problems.add("name", "is required")
    stages = _clean_stages(data.stages, problems)
    if any(s["id"] is not None for s in stages):
        problems.add("stages", "new stages have no id")
    problems.raise_if_any()
    async with org_tx(pool, actor) as conn:
        if any(p["name"].lower() == name.lower() for p in await repo.list_pipelines(conn, org_id=actor.org_id)):
            raise ConflictError(f"a pipeline named {name!r} already exists")
        row = await repo.insert_pipeline(conn, org_id=actor.org_id, name=name, is_default=False)
        if data.is_default:
            await repo.clear_default(conn, org_id=actor.org_id, keep_id=row["id"])
            row = await repo.update_pipeline(
                conn, org_id=actor.org_id, pipeline_id=row["id"], name=name, is_default=True
            )
        for pos, s in enumerate(stages):
            await repo.insert_stage(
                conn,
                org_id=actor.org_id,
                pipeline_id=row["id"],
                name=s["name"],
                position=pos,
                probability=s["probability"],
                kind=s["kind"],
            )
        pipeline = await load_pipeline(conn, actor, row["id"])
        await history.record(
            conn, actor, entity="pipeline", entity_id=pipeline.id, action="create", after=_snapshot(pipeline)
        )
    return pipeline


async def update_pipeline_stages(
    pool: AsyncConnectionPool[Conn], actor: Actor, pipeline_id: UUID, data: PipelineStagesUpdate
) -> Pipeline:
    """Make the pipeline's stages exactly ``data.stages``, in that order.

    A stage with an ``id`` is kept (renamed, moved, re-weighted, kind changed); one without is added; an
    existing stage left out is removed, unless deals are still in it (ConflictError: move them first).
    Deals in a stage whose kind changed take the new status (e.g. open -> won).
    """
    require_write(actor, "settings.manage")
    problems = Problems()
    stages = _clean_stages(data.stages, problems)
    new_name = normalize.clean_text(data.name, max_len=100) if data.name is not None else None
    if data.name is not None and not new_name:
        problems.add("name", "must not be empty")
    problems.raise_if_any()
    async with org_tx(pool, actor) as conn:
        if await repo.get_pipeline(conn, org_id=actor.org_id, pipeline_id=pipeline_id, for_update=True) is None:
            raise NotFoundError(f"no pipeline {pipeline_id}")
        before = await load_pipeline(conn, actor, pipeline_id)
        if new_name and new_name.lower() != before.name.lower():
            others = await repo.list_pipelines(conn, org_id=actor.org_id)
            if any(p["name"].lower() == new_name.lower() and p["id"] != pipeline_id for p in others):
                raise ConflictError(f"a pipeline named {new_name!r} already exists")
        existing = {s.id: s for s in before.stages}
        kept_ids = [s["id"] for s in stages if s["id"] is not None]
        for i, s in enumerate(stages):
            if s["id"] is not None and s["id"] not in existing:
                problems.add(f"stages.{i}.id", "is not a stage of this pipeline")
        if len(kept_ids) != len(set(kept_ids)):
            problems.add("stages", "a stage id appears twice")
        problems.raise_if_any()
        removed = [sid for sid in existing if sid not in kept_ids]
        if removed:
            in_use = await repo.count_deals_by_stage(conn, org_id=actor.org_id, stage_ids=removed)
            if in_use:
                names = ", ".join(f"{existing[sid].name} ({n} deals)" for sid, n in in_use.items())
                raise ConflictError(f"cannot remove stages that still hold deals: {names}; move the deals first")
            for sid in removed:
                await repo.delete_stage(conn, org_id=actor.org_id, pipeline_id=pipeline_id, stage_id=sid)
        await repo.park_stage_names(conn, org_id=actor.org_id, pipeline_id=pipeline_id, stage_ids=kept_ids)
        for pos, s in enumerate(stages):
            values = {"name": s["name"], "position": pos, "probability": s["probability"], "kind": s["kind"]}
            if s["id"] is None:
                await repo.insert_stage(conn, org_id=actor.org_id, pipeline_id=pipeline_id, **values)
            else:
                await repo.update_stage(conn, org_id=actor.org_id, pipeline_id=pipeline_id, stage_id=s["id"], **values)
        is_default = before.is_default if data.is_default is None else data.is_default or before.is_default
        if data.is_default:
            await repo.clear_default(conn, org_id=actor.org_id, keep_id=pipeline_id)
        await repo.update_pipeline(
            conn, org_id=actor.org_id, pipeline_id=pipeline_id, name=new_name or before.name, is_default=is_default
        )
        synced = await repo.sync_deal_status(conn, org_id=actor.org_id, pipeline_id=pipeline_id)
        after = await load_pipeline(conn, actor, pipeline_id)
        await history.record(
            conn,
            actor,
            entity="pipeline",
            entity_id=pipeline_id,
            action="update_stages",
            before=_snapshot(before),
            after={**_snapshot(after), "deals_status_synced": [str(d) for d in synced]},
        )
    return after
