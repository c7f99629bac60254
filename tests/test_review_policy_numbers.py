"""The default cycle of a stored license comes from the policy, not from a restated number."""

from __future__ import annotations

import pytest

import store.licenses
from helpdesk.policy import Policy
from store.licenses import from_doc


def test_a_license_stored_without_cycle_gets_the_policys_default(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(store.licenses, "POLICY", Policy(default_cycle_months=6))
    assert from_doc({"support_id": "1"}).cycle_months == 6
    assert from_doc({"support_id": "1", "cycle_months": None}).cycle_months == 6
    assert from_doc({"support_id": "1", "cycle_months": 3}).cycle_months == 3
