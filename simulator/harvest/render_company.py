"""The organisation's configuration in Harvest's shapes: departments, offices,
prospect pools, custom fields, user roles and job permissions, demographic
questions and answers, EEOC data.
"""

from __future__ import annotations

from typing import Any

from simulator.formats import iso_utc
from simulator.world.records import Department, Office
from simulator.world.records_org import (
    CustomField,
    CustomFieldOption,
    DemographicAnswer,
    DemographicAnswerOption,
    DemographicQuestion,
    DemographicQuestionSet,
    Eeoc,
    JobPermission,
    ProspectPool,
    UserRole,
)
from simulator.world.store import World

JSON = dict[str, Any]

# Greenhouse's fixed EEOC answer lists (Harvest docs, "EEOC Reference").
RACES = (
    "American Indian or Alaskan Native",
    "Asian",
    "Black or African American",
    "Hispanic or Latino",
    "White",
    "Native Hawaiian or Other Pacific Islander",
    "Two or More Races",
    "Decline To Self Identify",
)
GENDERS = ("Male", "Female", "Decline To Self Identify")
VETERAN_STATUSES = (
    "I am not a protected veteran",
    "I identify as one or more of the classifications of a protected veteran",
    "I don't wish to answer",
)
DISABILITY_STATUSES = (
    "Yes, I have a disability (or previously had a disability)",
    "No, I don't have a disability",
    "I don't wish to answer",
)


# -- departments and offices ---------------------------------------------------------


def department(world: World, item: Department) -> JSON:
    parent = world.departments.get(item.parent_id) if item.parent_id else None
    children = [d for d in world.departments if d.parent_id == item.id]
    return {
        "id": item.id,
        "name": item.name,
        "parent_id": item.parent_id,
        "parent_department_external_id": parent.external_id if parent else None,
        "child_ids": [d.id for d in children],
        "child_department_external_ids": [d.external_id for d in children],
        "external_id": item.external_id,
    }


def department_tree(world: World, item: Department) -> JSON:
    children = [d for d in world.departments if d.parent_id == item.id]
    return {
        "id": item.id,
        "name": item.name,
        "children": [department_tree(world, d) for d in children],
        "external_id": item.external_id,
    }


def office(world: World, item: Office) -> JSON:
    parent = world.offices.get(item.parent_id) if item.parent_id else None
    children = [o for o in world.offices if o.parent_id == item.id]
    return {
        "id": item.id,
        "name": item.name,
        "location": {"name": item.location},
        "primary_contact_user_id": None,
        "parent_id": item.parent_id,
        "parent_office_external_id": parent.external_id if parent else None,
        "child_ids": [o.id for o in children],
        "child_office_external_ids": [o.external_id for o in children],
        "external_id": item.external_id,
    }


def office_tree(world: World, item: Office) -> JSON:
    children = [o for o in world.offices if o.parent_id == item.id]
    return {
        "id": item.id,
        "name": item.name,
        "location": {"name": item.location},
        "primary_contact_user_id": None,
        "external_id": item.external_id,
        "children": [office_tree(world, o) for o in children],
    }


def prospect_pool(world: World, item: ProspectPool) -> JSON:
    stages = (world.prospect_stages.get(i) for i in item.stage_ids)
    return {
        "id": item.id,
        "name": item.name,
        "active": item.active,
        "prospect_stages": [{"id": s.id, "name": s.name} for s in stages],
    }


# -- custom fields ---------------------------------------------------------------------


def custom_field_option(item: CustomFieldOption) -> JSON:
    return {
        "id": item.id,
        "name": item.name,
        "priority": item.priority,
        "external_id": item.external_id,
    }


def custom_field(world: World, item: CustomField) -> JSON:
    options = (world.custom_field_options.get(i) for i in item.option_ids)
    return {
        "id": item.id,
        "name": item.name,
        "active": item.active,
        "field_type": item.field_type,
        "priority": item.priority,
        "value_type": item.value_type,
        "private": item.private,
        "required": item.required,
        "require_approval": item.require_approval,
        "trigger_new_version": item.trigger_new_version,
        "name_key": item.name_key,
        "description": item.description,
        "expose_in_job_board_api": False,
        "api_only": False,
        "offices": [],
        "departments": [],
        "template_token_string": f"{{{{{item.name_key.upper()}}}}}",
        "custom_field_options": [
            custom_field_option(option) for option in options if option.active
        ],
    }


# -- users' roles ----------------------------------------------------------------------


def user_role(item: UserRole) -> JSON:
    return {"id": item.id, "type": item.type, "name": item.name}


def job_permission(item: JobPermission) -> JSON:
    return {"id": item.id, "job_id": item.job_id, "user_role_id": item.user_role_id}


# -- demographic data ------------------------------------------------------------------


def question_set(item: DemographicQuestionSet) -> JSON:
    return {
        "id": item.id,
        "title": item.title,
        "description": item.description,
        "active": item.active,
    }


def question(item: DemographicQuestion) -> JSON:
    return {
        "id": item.id,
        "demographic_question_set_id": item.question_set_id,
        "name": item.name,
        # Translations are deprecated: English only, the same text as the name.
        "translations": [{"language": "en", "name": item.name}],
        "active": item.active,
        "required": item.required,
    }


def answer_option(item: DemographicAnswerOption) -> JSON:
    return {
        "id": item.id,
        "free_form": item.free_form,
        "active": item.active,
        "name": item.name,
        "demographic_question_id": item.question_id,
        "translations": [{"language": "en", "name": item.name}],
    }


def demographic_answer(item: DemographicAnswer) -> JSON:
    return {
        "id": item.id,
        "free_form_text": item.free_form_text,
        "application_id": item.application_id,
        "demographic_question_id": item.question_id,
        "demographic_answer_option_id": item.option_id,
        "created_at": iso_utc(item.created_at),
        "updated_at": iso_utc(item.updated_at),
    }


# -- EEOC ------------------------------------------------------------------------------


def _pick(values: tuple[str, ...], choice: int | None, key: str) -> JSON | None:
    if choice is None:
        return None
    return {"id": choice, key: values[choice - 1]}


def eeoc(item: Eeoc) -> JSON:
    return {
        "application_id": item.application_id,
        "candidate_id": item.candidate_id,
        "race": _pick(RACES, item.race_id, "description"),
        "gender": _pick(GENDERS, item.gender_id, "description"),
        # The docs' own example calls this one's text `message`.
        "veteran_status": _pick(VETERAN_STATUSES, item.veteran_status_id, "message"),
        "disability_status": _pick(
            DISABILITY_STATUSES, item.disability_status_id, "description"
        ),
        "submitted_at": iso_utc(item.submitted_at),
    }


def no_eeoc(application_id: int, candidate_id: int) -> JSON:
    """An application that submitted no EEOC data: every answer null."""
    return {
        "application_id": application_id,
        "candidate_id": candidate_id,
        "race": None,
        "gender": None,
        "veteran_status": None,
        "disability_status": None,
        "submitted_at": None,
    }
