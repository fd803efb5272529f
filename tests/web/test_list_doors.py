"""The web list and the API list read one declaration (services.lists): same search, same sort, same page."""

from __future__ import annotations

from mamoru.services import disclosures
from mamoru.services.uow import unit_of_work


def test_the_api_and_the_web_search_and_sort_alike(api, engine, people):
    with unit_of_work(engine, "setup") as ctx:
        numbers = [disclosures.disclose(ctx, "P-OK", [code], f"目的 {code}", "document", accept_conditions=True).number
                   for code in ("A-1", "A-2", "B-1")]
    manager = api("tech_manager")
    found = manager.get("/api/v1/disclosures", params={"q": numbers[1]}).json()
    assert found["total"] == 1 and found["items"][0]["number"] == numbers[1]
    oldest_first = manager.get("/api/v1/disclosures", params={"sort": "id", "limit": 2}).json()
    assert [d["number"] for d in oldest_first["items"]] == numbers[:2] and oldest_first["total"] == 3
    page = manager.get("/disclosures", params={"q": numbers[1]}).text
    assert f'href="/disclosures/{numbers[1]}"' in page and f'href="/disclosures/{numbers[0]}"' not in page
    assert manager.get("/api/v1/partners", params={"q": "信頼"}).json()["total"] == 1
    assert "P-OK" in manager.get("/partners", params={"q": "信頼"}).text


def test_a_nul_byte_in_a_web_search_is_a_clear_refusal(api, people):
    staff = api("staff")
    page = staff.get("/disclosures", params={"q": "D-\x00"})
    assert page.status_code == 422
    answer = staff.get("/api/v1/agreements", params={"partner": "P\x00"})
    assert answer.status_code == 422 and answer.headers["content-type"].startswith("application/problem+json")


def test_no_door_can_read_without_saying_who_reads(web_app):
    """The door kit has no anonymous read: every web and API read carries the signed-in viewer."""
    import pytest
    from starlette.requests import Request

    from mamoru.doors.identity import acting, reading

    request = Request({"type": "http", "app": web_app, "headers": [], "method": "GET", "path": "/"})
    for context in (reading, acting):
        with pytest.raises(TypeError):
            with context(request, None):
                pass
