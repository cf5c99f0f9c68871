"""The CAMEO event ontology with Goldstein weights, quad classes and the PLOVER mapping.

Loaded from ``data/ontology/cameo.tsv`` (docs/data-formats.md). ``quad_class`` follows GDELT's
QuadClass convention: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict,
4 material conflict.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from geopol.datafiles import data_path, read_rows
from geopol.errors import CodingError

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
    "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
_CODE = re.compile(r"^\d{2,4}$")

# CAMEO's "express intent" (03) codes for the cooperative acts of roots 04-08. A cooperative act
# that is only intended, recommended or hypothetical is coded as the intent to do it.
INTENT_OF = {
    "04": "036", "040": "036", "041": "036", "042": "036", "043": "036", "044": "036", "045": "036",
    "046": "036", "05": "032", "050": "032", "051": "032", "052": "032", "053": "032", "054": "032",
    "055": "032", "056": "032", "057": "032", "06": "031", "060": "031", "061": "0311", "062": "0312",
    "063": "0313", "064": "0314", "07": "033", "070": "033", "071": "0331", "072": "0332", "073": "0333",
    "074": "0334", "075": "033", "08": "035", "080": "035", "081": "0351", "082": "0352", "083": "034",
    "084": "0353", "085": "0354", "086": "0355", "087": "0356",
}


@dataclass(frozen=True, slots=True)
class CameoCode:
    code: str
    name: str
    goldstein: float
    quad_class: int
    plover: str | None
    plover_mode: str | None
    plover_context: str | None

    @property
    def root(self) -> str:
        return self.code[:2]


class Ontology:
    """Lookup of CAMEO codes."""

    def __init__(self, codes: dict[str, CameoCode]) -> None:
        self.codes = codes

    def __getitem__(self, code: str) -> CameoCode:
        try:
            return self.codes[code]
        except KeyError:
            raise CodingError(f"unknown CAMEO code {code!r}; see data/ontology/cameo.tsv for valid codes") from None

    def __contains__(self, code: object) -> bool:
        return code in self.codes

    def intent_code(self, code: str) -> str:
        """The 03x code for intending ``code``, or ``code`` itself when it has none."""
        return INTENT_OF.get(code, INTENT_OF.get(code[:3], code))


def load_ontology(path: Path | None = None) -> Ontology:
    path = path or data_path("ontology", "cameo.tsv")
    codes: dict[str, CameoCode] = {}
    cols = ("code", "name", "goldstein", "quad_class", "plover", "plover_mode", "plover_context")
    for row in read_rows(path, cols):
        code = row.get("code")
        if not _CODE.match(code):
            raise row.error(f"code {code!r} is not 2-4 digits", "write CAMEO codes with leading zeros, e.g. 036")
        try:
            goldstein = float(row.get("goldstein"))
            quad = int(row.get("quad_class"))
        except ValueError:
            raise row.error("goldstein or quad_class is not a number", "give e.g. -2.5 and 3") from None
        if not -10 <= goldstein <= 10 or quad not in (1, 2, 3, 4):
            raise row.error(f"goldstein {goldstein} or quad_class {quad} out of range", "use -10..10 and 1..4")
        plover = row.get("plover") or None
        if plover is not None and plover not in PLOVER_TYPES:
            raise row.error(f"plover {plover!r} is not a PLOVER type", f"use one of {', '.join(PLOVER_TYPES)}")
        if code in codes:
            raise row.error(f"code {code} appears twice", "keep one row per code")
        codes[code] = CameoCode(code, row.get("name"), goldstein, quad, plover,
                                row.get("plover_mode") or None, row.get("plover_context") or None)
    return Ontology(codes)


@lru_cache(maxsize=1)
def default_ontology() -> Ontology:
    return load_ontology()
