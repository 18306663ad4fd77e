"""The integration setup file: the bundled fixture, overrides, and every refusal."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from simulator.setup import SetupError, load_setup

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "integration.yaml"
PHENOM_GROUPS = {
    "Applications",
    "Candidates",
    "Tags",
    "Activity feed",
    "Email templates",
    "Jobs",
    "Job posts",
    "Job stages",
    "Rejection reasons",
    "Sources",
    "Tracking links",
    "Education",
    "Job openings",
    "Approvals",
}
SEVEN_ACTIONS = [
    "application_updated",
    "candidate_stage_change",
    "new_candidate_application",
    "hire_candidate",
    "unhire_candidate",
    "reject_candidate",
    "candidate_stage_change",
]
Change = Callable[[dict[str, Any]], Any]


def fixture_data() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(FIXTURE.read_text(encoding="utf-8"))
    return data


def write(tmp_path: Path, data: Any) -> Path:
    path = tmp_path / "setup.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return path


def test_load_setup__fixture_has_the_seven_webhooks() -> None:
    setup = load_setup(FIXTURE)

    assert [hook.action for hook in setup.webhooks] == SEVEN_ACTIONS
    secrets = {hook.secret_key for hook in setup.webhooks}
    assert len(secrets) == 7
    assert all(hook.active for hook in setup.webhooks)
    assert setup.webhooks[1].event == "Candidate has changed stage"


def test_load_setup__fixture_grants_the_phenom_key_its_fourteen_groups() -> None:
    setup = load_setup(FIXTURE)

    key = setup.integration_key
    assert (key.name, key.partner) == ("Phenom", "Phenom")
    assert len(key.permission_groups) == 14
    assert set(key.permission_groups) == PHENOM_GROUPS
    reports = setup.harvest_keys[1]
    assert (reports.permission_groups, reports.endpoints) == (
        ("Jobs",),
        ("GET /v1/users",),
    )
    assert setup.runner_key.runner
    assert setup.limit_of(setup.runner_key) == 0
    assert setup.limit_of(key) == 50


def test_load_setup__fixture_has_two_v3_clients_and_no_sunset() -> None:
    setup = load_setup(FIXTURE)

    phenom, reports = setup.oauth_clients
    assert phenom.name == "Phenom v3"
    assert "harvest:applications:move" in phenom.scopes
    assert (reports.scopes, reports.permission_groups) == ((), ("Jobs",))
    assert setup.world_spec(1, 40).service_accounts == ("Phenom v3", "Job reports v3")
    assert setup.v1_sunset is None
    assert setup.limit_of(phenom) == 50


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("2026-08-31", "2026-08-31"),
        ("'2026-08-31'", "2026-08-31"),
        ("2026-08-31T12:00:00Z", "2026-08-31T12:00:00Z"),
        ("'2026-08-31T08:00:00-04:00'", "2026-08-31T12:00:00Z"),
    ],
)
def test_load_setup__v1_sunset_is_a_date_or_a_time(
    tmp_path: Path, written: str, expected: str
) -> None:
    path = tmp_path / "setup.yaml"
    text = FIXTURE.read_text(encoding="utf-8") + f"\nv1_sunset: {written}\n"
    path.write_text(text, encoding="utf-8")

    setup = load_setup(path)

    assert setup.describe()["v1_sunset"] == expected


def test_load_setup__fixture_has_boards_and_a_tracking_link() -> None:
    setup = load_setup(FIXTURE)

    assert [b.token for b in setup.boards] == ["acmerobotics", "acmerobotics-campus"]
    [link] = setup.tracking_links
    assert (link.token, link.source, link.job_board) == (
        "phenom7f3a",
        "Phenom",
        "acmerobotics",
    )
    assert (setup.organization, setup.timezone) == ("Acme Robotics", "America/New_York")
    assert setup.source == str(FIXTURE)


def test_load_setup__webhook_url_replaces_every_url() -> None:
    url = "https://sync.example.com/hooks"

    setup = load_setup(FIXTURE, webhook_url=url)

    assert {hook.url for hook in setup.webhooks} == {url}
    assert len(setup.webhooks) == 7


def test_with_webhook_url__keeps_everything_but_the_url() -> None:
    setup = load_setup(FIXTURE)

    moved = setup.with_webhook_url("http://127.0.0.1:9999/in")

    assert [h.url for h in moved.webhooks] == ["http://127.0.0.1:9999/in"] * 7
    assert [h.secret_key for h in moved.webhooks] == [
        h.secret_key for h in setup.webhooks
    ]
    assert moved.boards == setup.boards
    assert moved.harvest_keys == setup.harvest_keys


@pytest.mark.parametrize("url", [None, ""])
def test_with_webhook_url__nothing_given_changes_nothing(url: str | None) -> None:
    setup = load_setup(FIXTURE)

    assert setup.with_webhook_url(url) is setup


@pytest.mark.parametrize(
    "url", ["ftp://sync.example.com/hooks", "sync.example.com/hooks", "http://a b/c"]
)
def test_with_webhook_url__refuses_a_url_that_is_not_http(url: str) -> None:
    setup = load_setup(FIXTURE)

    with pytest.raises(SetupError) as caught:
        setup.with_webhook_url(url)

    assert repr(url) in str(caught.value)
    assert "http://" in str(caught.value)


def test_load_setup__missing_file_is_named(tmp_path: Path) -> None:
    missing = tmp_path / "nope.yaml"

    with pytest.raises(SetupError) as caught:
        load_setup(missing)

    assert str(caught.value).startswith(f"{missing}: cannot read")


def test_load_setup__bad_yaml_is_named(tmp_path: Path) -> None:
    path = tmp_path / "setup.yaml"
    path.write_text("organization: {name: [\n", encoding="utf-8")

    with pytest.raises(SetupError) as caught:
        load_setup(path)

    assert str(caught.value).startswith(f"{path}: not valid YAML")


def _pop(*keys: str | int) -> Change:
    def change(data: dict[str, Any]) -> None:
        parent: Any = data
        for key in keys[:-1]:
            parent = parent[key]
        parent.pop(keys[-1])

    return change


def _set(value: Any, *keys: str | int) -> Change:
    def change(data: dict[str, Any]) -> None:
        parent: Any = data
        for key in keys[:-1]:
            parent = parent[key]
        parent[keys[-1]] = value

    return change


@pytest.mark.parametrize(
    ("change", "fragments"),
    [
        pytest.param(
            _pop("webhooks", 0, "secret_key"),
            ["webhooks[0]", "'secret_key' is a required property"],
            id="missing-secret",
        ),
        pytest.param(
            _pop("webhooks"), ["top level", "'webhooks'"], id="missing-webhooks"
        ),
        pytest.param(
            _set("abc", "harvest_keys", 1, "key"),
            ["harvest_keys[1].key", "'abc'"],
            id="short-key",
        ),
        pytest.param(
            _set("ftp://x", "webhooks", 2, "url"),
            ["webhooks[2].url", "'ftp://x'"],
            id="webhook-url",
        ),
        pytest.param(
            _set("yes", "webhooks", 0, "active"),
            ["webhooks[0].active", "boolean"],
            id="active-not-boolean",
        ),
        pytest.param(
            _set("internal", "job_boards", 1, "token"),
            ["job_boards[1].token", "'internal'"],
            id="reserved-board-token",
        ),
        pytest.param(_set(1, "surprise"), ["top level", "'surprise'"], id="extra-key"),
        pytest.param(
            _set(["Jobs", "Jobs"], "harvest_keys", 1, "permission_groups"),
            ["harvest_keys[1].permission_groups", "non-unique"],
            id="repeated-group",
        ),
        pytest.param(
            _set(["Jobs", "Offer letters"], "harvest_keys", 1, "permission_groups"),
            ["'Job reports'", "unknown permission group 'Offer letters'"],
            id="unknown-permission-group",
        ),
        pytest.param(
            _set("Candidate was teleported", "webhooks", 3, "event"),
            ["'Phenom - hired'", "unknown webhook event 'Candidate was teleported'"],
            id="unknown-event",
        ),
        pytest.param(
            _set("Mars/Olympus_Mons", "organization", "timezone"),
            ["organization.timezone", "'Mars/Olympus_Mons'"],
            id="unknown-time-zone",
        ),
        pytest.param(
            _set("../../etc/passwd", "organization", "timezone"),
            ["organization.timezone", "unknown time zone"],
            id="time-zone-path",
        ),
        pytest.param(
            _set("acmerobotics", "job_boards", 1, "token"),
            ["job_boards", "unique"],
            id="duplicate-board-tokens",
        ),
        pytest.param(
            _set("nowhere", "tracking_links", 0, "job_board"),
            ["tracking_links", "'nowhere'"],
            id="tracking-link-unknown-board",
        ),
        pytest.param(
            _set(["harvest:jobs"], "oauth_clients", 0, "scopes"),
            ["oauth_clients[0].scopes[0]", "'harvest:jobs'"],
            id="scope-not-resource-and-action",
        ),
        pytest.param(
            _set(["Offer letters"], "oauth_clients", 1, "permission_groups"),
            ["'Job reports v3'", "unknown permission group 'Offer letters'"],
            id="client-unknown-group",
        ),
        pytest.param(
            _pop("oauth_clients", 1, "permission_groups"),
            ["oauth_clients[1]", "not valid under any"],
            id="client-granted-nothing",
        ),
        pytest.param(
            _set("58979dbf760e150ce0de", "oauth_clients", 1, "client_id"),
            ["oauth_clients", "client_id must be unique"],
            id="duplicate-client-id",
        ),
        pytest.param(
            _pop("oauth_clients", 0, "client_secret"),
            ["oauth_clients[0]", "'client_secret' is a required property"],
            id="missing-client-secret",
        ),
        pytest.param(
            _set("end of August", "v1_sunset"),
            ["v1_sunset", "'end of August'"],
            id="sunset-not-a-date",
        ),
        pytest.param(
            _set("2026-02-30", "v1_sunset"),
            ["v1_sunset must be a date", "'2026-02-30'"],
            id="sunset-no-such-day",
        ),
    ],
)
def test_load_setup__invalid_setup_names_file_and_field(
    tmp_path: Path, change: Change, fragments: list[str]
) -> None:
    data = fixture_data()
    change(data)
    path = write(tmp_path, data)

    with pytest.raises(SetupError) as caught:
        load_setup(path)

    message = str(caught.value)
    assert message.startswith(f"{path}: ")
    for fragment in fragments:
        assert fragment in message


@pytest.mark.parametrize("document", [None, ["a", "list"], "just text"])
def test_load_setup__a_document_that_is_not_a_mapping_is_refused(
    tmp_path: Path, document: Any
) -> None:
    path = write(tmp_path, document)

    with pytest.raises(SetupError, match="top level"):
        load_setup(path)


def test_load_setup__bad_webhook_url_override_is_refused() -> None:
    with pytest.raises(SetupError, match="webhook URL"):
        load_setup(FIXTURE, webhook_url="localhost:8651/webhooks")


def test_load_setup__event_may_be_named_by_action_string(tmp_path: Path) -> None:
    data = fixture_data()
    data["webhooks"][0]["event"] = "unreject_candidate"
    data["webhooks"][1]["active"] = False
    path = write(tmp_path, data)

    setup = load_setup(path)

    assert setup.webhooks[0].action == "unreject_candidate"
    assert setup.webhooks[0].event == "Candidate or prospect unrejected"
    assert setup.webhooks[1].active is False
