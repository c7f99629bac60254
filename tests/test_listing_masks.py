"""Every listing masks client data, JSON included; the full data stays in show and exports."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from _cli import run
from hypothesis import given
from hypothesis import strategies as st

from helpdesk.documents import mask_name, mask_text

SUBSTITUTE = (
    "submit",
    "substitute",
    "--support-id",
    "100200",
    "--client-name",
    "Fulano",
    "--new-client-name",
    "Beltrano Silva",
    "--new-client-cnpj",
    "11.444.777/0001-61",
)


@pytest.mark.usefixtures("pinned_now")
def test_requests_json_masks_the_decision_and_single_word_names(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, *SUBSTITUTE)[0] == 0
    code, out, _ = run(capsys, "requests", "--json")
    assert code == 0
    [item] = json.loads(out)
    assert item["client"] == "F."
    text = json.dumps(item, ensure_ascii=False)
    assert "Fulano" not in text and "Beltrano Silva" not in text and "444.777" not in text
    assert "Beltrano S." in item["decision"] and "11.•••.•••/0001-61" in item["decision"]
    code, out, _ = run(capsys, "requests")
    assert "Fulano" not in out
    code, out, _ = run(capsys, "requests", "show", item["protocol"], "--json")
    assert "Beltrano Silva" in out and "11.444.777/0001-61" in out  # the partner's own view


@given(st.text(alphabet=st.characters(categories=["L"]), min_size=2, max_size=20))
def test_a_name_is_never_shown_whole(word: str) -> None:
    assert mask_name(word) != word
    assert mask_text(f"# {word} #", [word]) == f"# {mask_name(word)} #"
