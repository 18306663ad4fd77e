"""Harvest's Demographic data operations (reads).

Question sets page by number; questions, answer options and answers use the
next-only paging Greenhouse introduced in 2017.
"""

from __future__ import annotations

from starlette.responses import JSONResponse, Response

from simulator.harvest import render_company
from simulator.harvest.api import Call
from simulator.harvest.filters import Query
from simulator.harvest.paging import page_of_table
from simulator.harvest.registry import harvest
from simulator.world.records_org import DemographicAnswer

TIME_FILTERS = ("created_before", "created_after", "updated_before", "updated_after")
GROUP = "Demographic data"


@harvest.get(
    "/v1/demographics/question_sets",
    group=GROUP,
    action="List Demographic Question Sets",
    paging="pages",
    returns="demographic_question_set[]",
)
async def list_demographic_question_sets(call: Call) -> Response:
    return page_of_table(
        call.request, call.world.question_sets, render_company.question_set
    )


@harvest.get(
    "/v1/demographics/question_sets/{id:id}",
    group=GROUP,
    action="Retrieve Demographic Question Set",
    returns="demographic_question_set",
)
async def retrieve_demographic_question_set(call: Call) -> Response:
    item = call.world.question_sets.get(call.path_int("id"))
    return JSONResponse(render_company.question_set(item))


@harvest.get(
    "/v1/demographics/question_sets/{id:id}/questions",
    group=GROUP,
    action="List Demographic Questions For Demographic Question Set",
    returns="demographic_question[]",
)
async def list_questions_for_question_set(call: Call) -> Response:
    world = call.world
    question_set = world.question_sets.get(call.path_int("id"))
    questions = (q for q in world.demographic_questions)
    return JSONResponse(
        [
            render_company.question(q)
            for q in questions
            if q.question_set_id == question_set.id
        ]
    )


@harvest.get(
    "/v1/demographics/questions",
    group=GROUP,
    action="List Demographic Questions",
    paging="next",
    returns="demographic_question[]",
)
async def list_demographic_questions(call: Call) -> Response:
    query = Query(call.request, call.world.demographic_questions)
    return query.respond_next(render_company.question)


@harvest.get(
    "/v1/demographics/questions/{id:id}",
    group=GROUP,
    action="Retrieve Demographic Question",
    returns="demographic_question",
)
async def retrieve_demographic_question(call: Call) -> Response:
    item = call.world.demographic_questions.get(call.path_int("id"))
    return JSONResponse(render_company.question(item))


@harvest.get(
    "/v1/demographics/questions/{id:id}/answer_options",
    group=GROUP,
    action="List Demographic Answer Options For Demographic Question",
    paging="next",
    returns="demographic_answer_option[]",
)
async def list_answer_options_for_question(call: Call) -> Response:
    world = call.world
    question = world.demographic_questions.get(call.path_int("id"))
    query = Query(call.request, world.answer_options).ids(question.option_ids)
    return query.respond_next(render_company.answer_option)


@harvest.get(
    "/v1/demographics/answer_options",
    group=GROUP,
    action="List Demographic Answer Options",
    paging="next",
    returns="demographic_answer_option[]",
)
async def list_demographic_answer_options(call: Call) -> Response:
    query = Query(call.request, call.world.answer_options)
    return query.respond_next(render_company.answer_option)


@harvest.get(
    "/v1/demographics/answer_options/{id:id}",
    group=GROUP,
    action="Retrieve Demographic Answer Option",
    returns="demographic_answer_option",
)
async def retrieve_demographic_answer_option(call: Call) -> Response:
    item = call.world.answer_options.get(call.path_int("id"))
    return JSONResponse(render_company.answer_option(item))


def _answers(query: Query[DemographicAnswer]) -> Query[DemographicAnswer]:
    # Answers are numbered as they are given, so their ids follow creation.
    query.time_range("created", lambda a: a.created_at, follows_ids=True)
    return query.time_range("updated", lambda a: a.updated_at, follows_ids=False)


@harvest.get(
    "/v1/demographics/answers",
    group=GROUP,
    action="List Demographic Answers",
    paging="next",
    returns="demographic_answer[]",
    filters=TIME_FILTERS,
)
async def list_demographic_answers(call: Call) -> Response:
    query = _answers(Query(call.request, call.world.demographic_answers))
    return query.respond_next(render_company.demographic_answer)


@harvest.get(
    "/v1/demographics/answers/{id:id}",
    group=GROUP,
    action="Retrieve Demographic Answer",
    returns="demographic_answer",
)
async def retrieve_demographic_answer(call: Call) -> Response:
    item = call.world.demographic_answers.get(call.path_int("id"))
    return JSONResponse(render_company.demographic_answer(item))


@harvest.get(
    "/v1/applications/{id:id}/demographics/answers",
    group=GROUP,
    action="List Demographic Answers For Application",
    paging="next",
    returns="demographic_answer[]",
    filters=TIME_FILTERS,
)
async def list_demographic_answers_for_application(call: Call) -> Response:
    world = call.world
    application = world.applications.get(call.path_int("id"))
    query = Query(call.request, world.demographic_answers)
    query.ids(world.answers_by_application.ids(application.id))
    return _answers(query).respond_next(render_company.demographic_answer)
