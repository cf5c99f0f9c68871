"""JSON Lines output: one object per article, schema ``geopol/1`` (see README, "Output")."""

from __future__ import annotations

import json

from geopol.model import Analysis, to_dict


def render(analysis: Analysis) -> str:
    return json.dumps(to_dict(analysis), ensure_ascii=False, sort_keys=False) + "\n"
